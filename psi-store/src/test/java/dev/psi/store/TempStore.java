package dev.psi.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A results database of its own for each test: a SQLite file in a new directory, opened with the fixed clock
 * {@link Fixtures#CLOCK} and holding the tasks and studies it was given before the test starts; closed, and
 * its directory deleted, after the test. The set-up the store tests share, written once:
 *
 * <pre>{@code
 * @RegisterExtension
 * final TempStore temp = new TempStore().task("tiny", "{}").study("pilot", "evaluate");
 * }</pre>
 */
final class TempStore implements BeforeEachCallback, AfterEachCallback {

    private final Map<String, String> tasks = new LinkedHashMap<>();
    private final Map<String, String> studies = new LinkedHashMap<>();
    private Path directory;
    private ResultStore store;

    /** Stores task {@code name} with {@code spec} before each test. */
    TempStore task(String name, String spec) {
        tasks.put(name, spec);
        return this;
    }

    /** Stores study {@code name} with {@code purpose} before each test. */
    TempStore study(String name, String purpose) {
        studies.put(name, purpose);
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("psi-store-test");
        store = ResultStore.open(file().toString(), Fixtures.CLOCK);
        tasks.forEach(store.catalog()::ensureTask);
        studies.forEach(store.catalog()::ensureStudy);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            store.close();
        } finally {
            delete(directory);
        }
    }

    /** The open store. */
    ResultStore store() {
        return store;
    }

    /** The database file, {@code psi.db} in {@link #directory()}. */
    Path file() {
        return directory.resolve("psi.db");
    }

    /** The test's directory, for other files it writes beside the database. */
    Path directory() {
        return directory;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
