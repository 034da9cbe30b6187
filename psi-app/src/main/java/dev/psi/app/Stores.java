package dev.psi.app;

import dev.psi.lab.record.LeftRunning;
import dev.psi.store.ResultStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How commands open the results store: a command that writes repairs what killed processes left behind,
 * and a command that only reads opens it read-only and changes nothing, not even a file that is not a
 * Psi store.
 */
final class Stores {

    private Stores() {
    }

    /**
     * Opens (creating a new or empty file if needed) the store for a command that writes, and marks the
     * trials a killed process of this machine left {@code running} as interrupted ({@link LeftRunning}).
     */
    static ResultStore openForWriting(String db) {
        ResultStore store = ResultStore.open(db);
        try {
            LeftRunning.interrupt(store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Opens an existing Psi store read-only, for a command that only reads. */
    static ResultStore openForReading(String db) {
        requireExisting(db);
        return ResultStore.openReadOnly(db);
    }

    /**
     * Commands that need results must not create an empty database as a side effect of a typo in
     * {@code --db}: a SQLite path that does not exist is an error. JDBC URLs are left to the driver.
     */
    static void requireExisting(String db) {
        if (!db.startsWith("jdbc:") && !Files.exists(Path.of(db))) {
            throw new IllegalArgumentException("no database at " + db + ": give the --db that 'psi train' wrote to");
        }
    }
}
