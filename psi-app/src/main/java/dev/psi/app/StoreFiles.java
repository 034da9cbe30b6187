package dev.psi.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on a store location made by commands that only read. */
final class StoreFiles {

    private StoreFiles() {
    }

    /**
     * Reading commands must not create an empty database as a side effect of a typo in {@code --db}:
     * a SQLite path that does not exist is an error. JDBC URLs are left to the driver.
     */
    static void requireExisting(String db) {
        if (!db.startsWith("jdbc:") && !Files.exists(Path.of(db))) {
            throw new IllegalArgumentException("no database at " + db + ": give the --db that 'psi train' wrote to");
        }
    }
}
