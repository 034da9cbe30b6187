package dev.psi.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Where SQLite's native library is loaded from. By default sqlite-jdbc extracts its 1 MB library into the
 * system's temporary folder under a new name in every JVM and deletes it at exit, so every killed process
 * leaves a copy and a lock file behind. Psi instead extracts it once per driver version into a folder of its
 * own and has every later JVM load that copy.
 */
public final class SqliteLibrary {

    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteLibrary() {
    }

    /**
     * Makes the driver load its library from {@code directory}/sqlite-jdbc-VERSION/OS/ARCH, extracting it
     * there first if it is not there yet. Must run before the first database is opened. Concurrent
     * processes are safe: each extracts to a file of its own and moves it into place atomically. When the
     * folder cannot be written, or the user already chose a library, the driver's own behaviour stays.
     */
    public static void useOneCopyUnder(Path directory) {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        Path library;
        try {
            library = extractOnce(directory);
        } catch (IOException e) {
            return;
        }
        System.setProperty(PATH_PROPERTY, library.getParent().toString());
        System.setProperty(NAME_PROPERTY, library.getFileName().toString());
    }

    /**
     * The driver's library for this platform under {@code directory}/sqlite-jdbc-VERSION/OS/ARCH, extracted
     * from the driver's jar unless a copy is there already.
     *
     * @throws IOException if the folder cannot be written, or the driver has no library for this platform
     */
    static Path extractOnce(Path directory) throws IOException {
        String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
        String name = System.mapLibraryName("sqlitejdbc");
        Path library = directory.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion()).resolve(folder).resolve(name);
        if (!Files.isRegularFile(library)) {
            extract("/org/sqlite/native/" + folder + "/" + name, library);
        }
        return library;
    }

    private static void extract(String resource, Path library) throws IOException {
        try (InputStream in = SqliteLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the driver has no library for this platform: " + resource);
            }
            Files.createDirectories(library.getParent());
            Path partial = Files.createTempFile(library.getParent(), library.getFileName() + ".", ".part");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}
