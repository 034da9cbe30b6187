package dev.psi.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Failures to read or write a file, described in one line for the user. The JDK's messages often name
 * only the file ({@code AccessDeniedException: /x}), which reads as if the file itself were the problem.
 */
public final class FileFailures {

    private FileFailures() {
    }

    /** One line naming the file and what is wrong with it. */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " exists and is not a directory";
        }
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + " does not exist";
        }
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getFile() + ": " + failed.getReason();
        }
        return Jdbc.firstLine(e);
    }
}
