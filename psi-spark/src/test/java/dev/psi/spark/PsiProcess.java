package dev.psi.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.app.Psi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs {@code psi} in a child JVM with the tests' class path and Spark's module options, as the launcher does. */
final class PsiProcess {

    private PsiProcess() {
    }

    /** The options of a JVM that runs Spark on Java 17 (psi-spark/pom.xml's spark.java.options). */
    static List<String> sparkJavaOptions() {
        String options = System.getProperty("psi.spark.javaOptions", "").strip();
        return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
    }

    /** {@code java OPTIONS -cp CLASSPATH MAIN ARGS}, this JVM's java and class path. */
    static List<String> java(String main, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(sparkJavaOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        command.addAll(args);
        return command;
    }

    /** Runs {@code psi ARGS} to its end with {@code environment} added, output to {@code log}; asserts exit 0. */
    static void run(Map<String, String> environment, Path log, String... args) {
        ProcessBuilder builder = new ProcessBuilder(java(Psi.class.getName(), List.of(args))).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            int status = builder.start().waitFor();
            assertEquals(0, status, String.join(" ", args) + ":\n" + Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
