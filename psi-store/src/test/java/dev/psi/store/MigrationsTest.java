package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void openingANewFileCreatesTheSchema() throws Exception {
        Path db = dir.resolve("psi.db");
        ResultStore.open(db.toString(), Fixtures.CLOCK).close();

        assertEquals(
                List.of("epochs", "psi_models", "recoveries", "schema_version", "studies", "surface", "tasks",
                        "trials"),
                Fixtures.query(db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                        + " AND name NOT LIKE 'sqlite_%' ORDER BY name"));
        assertEquals(List.of("1|initial|2025-01-02T03:04:05.678Z", "2|recoveries|2025-01-02T03:04:05.678Z",
                "3|surface|2025-01-02T03:04:05.678Z"),
                Fixtures.query(db, "SELECT * FROM schema_version ORDER BY version"));
    }

    @Test
    void reopeningAppliesNoMigrationAgainAndKeepsTheData() throws Exception {
        Path db = dir.resolve("psi.db");
        try (ResultStore store = ResultStore.open(db.toString(), Fixtures.CLOCK)) {
            store.ensureTask("tiny", "{}");
        }
        ResultStore.open(db.toString(), Fixtures.CLOCK).close();

        assertEquals(List.of("1", "2", "3"), Fixtures.query(db, "SELECT version FROM schema_version ORDER BY version"));
        assertEquals(List.of("tiny"), Fixtures.query(db, "SELECT name FROM tasks"));
    }

    @Test
    void theDatabaseIsInWalMode() throws Exception {
        Path db = dir.resolve("psi.db");
        ResultStore.open(db.toString(), Fixtures.CLOCK).close();

        assertEquals(List.of("wal"), Fixtures.query(db, "PRAGMA journal_mode"));
    }

    @Test
    void aDatabaseOfAnotherToolIsSwitchedToWalOnceMigrated() throws Exception {
        Path db = dir.resolve("other.db");
        try (var connection = Fixtures.raw(db); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (text TEXT)");
        }

        ResultStore.open(db.toString(), Fixtures.CLOCK).close();

        assertEquals(List.of("wal"), Fixtures.query(db, "PRAGMA journal_mode"));
    }

    @Test
    void aFailedMigrationLeavesTheDatabaseAsItWas() throws Exception {
        Path db = dir.resolve("other.db");
        try (var connection = Fixtures.raw(db); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE tasks (title TEXT)");
        }

        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open(db.toString()));

        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertEquals(List.of("tasks"), Fixtures.query(db, "SELECT name FROM sqlite_master"));
        assertEquals(List.of("delete"), Fixtures.query(db, "PRAGMA journal_mode"));
    }

    @Test
    void aVersion2DatabaseGainsTheSurfaceAndKeepsItsTrials() throws Exception {
        Path db = dir.resolve("v2.db");
        // The database as a Psi with migrations 1 and 2 left it, with one trial.
        try (var connection = Fixtures.raw(db); var statement = connection.createStatement()) {
            for (String script : List.of("V1__initial.sql", "V2__recoveries.sql")) {
                String sql = script(script).replace("${id}", "INTEGER PRIMARY KEY AUTOINCREMENT");
                for (String one : sql.split(";\\s*\\n")) {
                    statement.execute(one);
                }
            }
            statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                    + " applied_at TEXT NOT NULL)");
            statement.execute("INSERT INTO schema_version VALUES (1, 'initial', 'then'), (2, 'recoveries', 'then')");
            statement.execute("INSERT INTO tasks (name, spec, created_at) VALUES ('tiny', '{}', 'then')");
            statement.execute("INSERT INTO trials (task_id, controller, optimizer, seed, epochs, batch_size, status,"
                    + " started_at) VALUES (1, 'Constant(lr=0.1)', 'SGD', 1, 2, 8, 'completed', 'then')");
        }

        ResultStore.open(db.toString(), Fixtures.CLOCK).close();

        assertEquals(List.of("1", "2", "3"), Fixtures.query(db, "SELECT version FROM schema_version ORDER BY version"));
        assertEquals(List.of("1|Constant(lr=0.1)|null"),
                Fixtures.query(db, "SELECT id, controller, epochs_trained FROM trials"));
        assertEquals(List.of("0"), Fixtures.query(db, "SELECT COUNT(*) FROM surface"));
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        Path db = dir.resolve("psi.db");
        ResultStore.open(db.toString(), Fixtures.CLOCK).close();
        try (var connection = Fixtures.raw(db); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_version VALUES (4, 'future', '2030-01-01T00:00:00.000Z')");
        }

        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open(db.toString()));

        assertEquals("Cannot open results database " + db + ": its schema version 4 is newer than the newest"
                + " this Psi knows (3); use a newer Psi", e.getMessage());
    }

    /** A migration script as the jar holds it. */
    private static String script(String name) throws IOException {
        try (var in = Migrations.class.getResourceAsStream("migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
