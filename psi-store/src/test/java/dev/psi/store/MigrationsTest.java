package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Recovery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    private static final List<String> ALL_VERSIONS = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9");

    @TempDir
    Path dir;

    @Test
    void openingANewFileCreatesTheSchema() throws Exception {
        Path db = dir.resolve("psi.db");
        ResultStore.open(db.toString(), Fixtures.CLOCK).close();

        assertEquals(
                List.of("checkpoints", "epochs", "evaluations", "files", "jobs", "psi_models", "recoveries", "schema_version", "studies",
                        "surface", "tasks", "trials"),
                Fixtures.query(db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                        + " AND name NOT LIKE 'sqlite_%' ORDER BY name"));
        assertEquals(List.of("1|initial|2025-01-02T03:04:05.678Z", "2|recoveries|2025-01-02T03:04:05.678Z",
                "3|surface|2025-01-02T03:04:05.678Z", "4|jobs|2025-01-02T03:04:05.678Z",
                "5|pruned_status|2025-01-02T03:04:05.678Z", "6|checkpoints|2025-01-02T03:04:05.678Z",
                "7|test_split|2025-01-02T03:04:05.678Z", "8|evaluations|2025-01-02T03:04:05.678Z",
                "9|files|2025-01-02T03:04:05.678Z"),
                Fixtures.query(db, "SELECT * FROM schema_version ORDER BY version"));
    }

    @Test
    void reopeningAppliesNoMigrationAgainAndKeepsTheData() throws Exception {
        Path db = dir.resolve("psi.db");
        try (ResultStore store = ResultStore.open(db.toString(), Fixtures.CLOCK)) {
            store.catalog().ensureTask("tiny", "{}");
        }
        ResultStore.open(db.toString(), Fixtures.CLOCK).close();

        assertEquals(ALL_VERSIONS, Fixtures.query(db, "SELECT version FROM schema_version ORDER BY version"));
        assertEquals(List.of("tiny"), Fixtures.query(db, "SELECT name FROM tasks"));
    }

    @Test
    void theDatabaseIsInWalMode() throws Exception {
        Path db = dir.resolve("psi.db");
        ResultStore.open(db.toString(), Fixtures.CLOCK).close();

        assertEquals(List.of("wal"), Fixtures.query(db, "PRAGMA journal_mode"));
    }

    @Test
    void anEmptyDatabaseOfAnotherToolIsSwitchedToWalOnceMigrated() throws Exception {
        Path db = dir.resolve("other.db");
        try (var connection = Fixtures.raw(db); var statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 7");
        }

        ResultStore.open(db.toString(), Fixtures.CLOCK).close();

        assertEquals(List.of("wal"), Fixtures.query(db, "PRAGMA journal_mode"));
    }

    @Test
    void aDatabaseOfAnotherToolIsRefusedAndLeftAsItWas() throws Exception {
        Path db = dir.resolve("other.db");
        try (var connection = Fixtures.raw(db); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (text TEXT)");
        }

        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open(db.toString()));

        assertEquals("Cannot open results database " + db + ": not a Psi database: it holds tables but no "
                + "schema_version table; give a new file, or one that Psi made", e.getMessage());
        assertEquals(List.of("notes"), Fixtures.query(db, "SELECT name FROM sqlite_master"));
        assertEquals(List.of("delete"), Fixtures.query(db, "PRAGMA journal_mode"));
    }

    @Test
    void aFailedMigrationLeavesTheDatabaseAsItWas() throws Exception {
        Path db = dir.resolve("old.db");
        try (var connection = atVersion(db, 1); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE recoveries (note TEXT)");
        }

        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open(db.toString()));

        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains("schema migration V2__recoveries.sql failed"), e.getMessage());
        assertEquals(List.of("1"), Fixtures.query(db, "SELECT MAX(version) FROM schema_version"));
        assertEquals(List.of("note"), Fixtures.query(db, "SELECT name FROM pragma_table_info('recoveries')"));
        assertEquals(List.of("delete"), Fixtures.query(db, "PRAGMA journal_mode"));
    }

    @Test
    void anUpToDateDatabaseOpensWhileAnotherProcessHoldsItsWriteLock() throws Exception {
        Path db = dir.resolve("busy.db");
        ResultStore.open(db.toString(), Fixtures.CLOCK).close();
        try (var writer = Fixtures.raw(db); var statement = writer.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");

            // Before, opening took the write lock to read the version, and failed after the busy timeout.
            ResultStore.open(db.toString(), Fixtures.CLOCK).close();

            statement.execute("ROLLBACK");
        }
    }

    @Test
    void readingOnlyRefusesADatabaseOfAnotherToolAndWritesNothing() throws Exception {
        Path db = dir.resolve("other.db");
        try (var connection = Fixtures.raw(db); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (text TEXT)");
        }
        byte[] before = Files.readAllBytes(db);

        StoreException e = assertThrows(StoreException.class, () -> ResultStore.openReadOnly(db.toString()));

        assertTrue(e.getMessage().endsWith("not a Psi database: it has no schema_version table; give a new file, "
                + "or one that Psi made"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(db));
    }

    @Test
    void readingOnlyRefusesAnEmptyFileAndLeavesItEmpty() throws Exception {
        Path db = Files.createFile(dir.resolve("empty.db"));

        assertThrows(StoreException.class, () -> ResultStore.openReadOnly(db.toString()));

        assertEquals(0, Files.size(db));
    }

    @Test
    void readingOnlyDoesNotMigrateAnOlderSchema() throws Exception {
        Path db = dir.resolve("old.db");
        atVersion(db, 4).close();

        StoreException e = assertThrows(StoreException.class, () -> ResultStore.openReadOnly(db.toString()));

        assertTrue(e.getMessage().endsWith("its schema version 4 is older than this Psi's (9); a command that "
                + "writes to it, such as psi train, upgrades it"), e.getMessage());
        assertEquals(List.of("4"), Fixtures.query(db, "SELECT MAX(version) FROM schema_version"));
    }

    @Test
    void readingOnlyOpensACurrentStoreAndItsWritesFail() throws Exception {
        Path db = dir.resolve("runs.db");
        try (ResultStore store = ResultStore.open(db.toString(), Fixtures.CLOCK)) {
            store.catalog().ensureTask("tiny", "{}");
        }

        try (ResultStore store = ResultStore.openReadOnly(db.toString())) {
            assertEquals(List.of(), store.trials().all());
            StoreException e = assertThrows(StoreException.class, () -> store.catalog().ensureTask("other", "{}"));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        }
    }

    @Test
    void aVersion2DatabaseGainsTheSurfaceAndKeepsItsTrials() throws Exception {
        Path db = dir.resolve("v2.db");
        try (var connection = atVersion(db, 2); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO tasks (name, spec, created_at) VALUES ('tiny', '{}', 'then')");
            statement.execute("INSERT INTO trials (task_id, controller, optimizer, seed, epochs, batch_size, status,"
                    + " started_at) VALUES (1, 'Constant(lr=0.1)', 'SGD', 1, 2, 8, 'completed', 'then')");
        }

        ResultStore.open(db.toString(), Fixtures.CLOCK).close();

        assertEquals(ALL_VERSIONS, Fixtures.query(db, "SELECT version FROM schema_version ORDER BY version"));
        assertEquals(List.of("1|Constant(lr=0.1)|null"),
                Fixtures.query(db, "SELECT id, controller, epochs_trained FROM trials"));
        assertEquals(List.of("0"), Fixtures.query(db, "SELECT COUNT(*) FROM surface"));
    }

    @Test
    void aVersion6DatabaseGainsAnEmptyEvaluationsTableAndKeepsItsEpochs() throws Exception {
        Path db = dir.resolve("v6.db");
        try (var connection = atVersion(db, 6); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO tasks (name, spec, created_at) VALUES ('tiny', '{}', 'then')");
            statement.execute("INSERT INTO trials (task_id, controller, optimizer, seed, epochs, batch_size, status,"
                    + " started_at) VALUES (1, 'Constant(lr=0.1)', 'SGD', 1, 2, 8, 'completed', 'then')");
            statement.execute("INSERT INTO epochs VALUES (1, 0, 0.1, 2.5, 2.25, 0.5, 10, 0.75)");
        }

        try (ResultStore store = ResultStore.open(db.toString(), Fixtures.CLOCK)) {
            assertEquals(List.of(), store.evaluations().of(1));
            assertEquals(1, store.epochs().of(1).size());
        }
        assertEquals(ALL_VERSIONS, Fixtures.query(db, "SELECT version FROM schema_version ORDER BY version"));
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        Path db = dir.resolve("psi.db");
        ResultStore.open(db.toString(), Fixtures.CLOCK).close();
        try (var connection = Fixtures.raw(db); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_version VALUES (10, 'future', '2030-01-01T00:00:00.000Z')");
        }

        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open(db.toString()));

        assertEquals("Cannot open results database " + db + ": its schema version 10 is newer than the newest"
                + " this Psi knows (9); use a newer Psi", e.getMessage());
    }

    @Test
    void aVersionWithADialectsOwnScriptRunsItOnThatDialect() {
        assertEquals(List.of("V1__initial.sql", "V2__recoveries.sql", "V3__surface.sql", "V4__jobs.sql",
                "V5__pruned_status.sqlite.sql", "V6__checkpoints.sqlite.sql", "V7__test_split.sql",
                "V8__evaluations.sql", "V9__files.sqlite.sql"), Migrations.scripts(Dialect.SQLITE));
        assertEquals(List.of("V1__initial.sql", "V2__recoveries.sql", "V3__surface.sql", "V4__jobs.sql",
                "V5__pruned_status.postgresql.sql", "V6__checkpoints.postgresql.sql", "V7__test_split.sql",
                "V8__evaluations.sql", "V9__files.postgresql.sql"),
                Migrations.scripts(Dialect.POSTGRESQL));
    }

    /**
     * Version 5 rebuilds trials on SQLite, whose rows epochs, recoveries and surface reference: every row of every
     * table comes through unchanged, and the rebuilt table has the columns, indexes and references it had.
     */
    @Test
    void aVersion4DatabaseKeepsEveryRowThroughTheRebuildOfTrials() throws Exception {
        Path db = dir.resolve("v4.db");
        try (var connection = atVersion(db, 4)) {
            insertOneOfEach(connection);
        }
        Map<String, List<String>> before = contents(db);
        List<String> columnsBefore = Fixtures.query(db, "PRAGMA table_info(trials)");

        ResultStore.open(db.toString(), Fixtures.CLOCK).close();

        assertEquals(ALL_VERSIONS, Fixtures.query(db, "SELECT version FROM schema_version ORDER BY version"));
        // Version 7 adds the epochs' test columns, empty for the epochs measured before.
        before.put("epochs", before.get("epochs").stream().map(row -> row + "|null|null").toList());
        assertEquals(before, contents(db));
        // The migration widens what may be stored; it does not reinterpret what was: trial 2 stays failed.
        assertEquals(List.of(
                "1|completed|null|null",
                "2|failed|stopped by the search after 1 epochs|null",
                "3|diverged|null|4"), Fixtures.query(db, "SELECT id, status, error, epochs_trained FROM trials"));
        assertEquals(columnsBefore, Fixtures.query(db, "PRAGMA table_info(trials)"));
        assertEquals(List.of("trials_study|study_id", "trials_task|task_id"), Fixtures.query(db,
                "SELECT i.name, c.name FROM pragma_index_list('trials') i, pragma_index_info(i.name) c ORDER BY 1"));
        assertEquals(List.of("checkpoints|trials", "epochs|trials", "evaluations|trials", "recoveries|trials",
                "surface|trials"),
                Fixtures.query(db,
                "SELECT m.name, f.\"table\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f"
                        + " WHERE f.\"from\" = 'trial_id' ORDER BY 1"));
        assertEquals(List.of(), Fixtures.query(db, "PRAGMA foreign_key_check"));
    }

    @Test
    void afterTheRebuildTheReferencesToTrialsAreStillEnforced() throws Exception {
        Path db = dir.resolve("v4.db");
        try (var connection = atVersion(db, 4)) {
            insertOneOfEach(connection);
        }

        try (ResultStore store = ResultStore.open(db.toString(), Fixtures.CLOCK)) {
            String refused = "[SQLITE_CONSTRAINT_FOREIGNKEY] A foreign key constraint failed"
                    + " (FOREIGN KEY constraint failed)";
            StoreException epoch = assertThrows(StoreException.class,
                    () -> store.epochs().record(9, new EpochResult(0, 0.1, 2.5, 2.25, 0.5, 10, 1.5)));
            StoreException recovery = assertThrows(StoreException.class,
                    () -> store.recoveries().record(9, new Recovery(0, 5, Recovery.DIVERGED, 0.05)));

            assertEquals("Cannot record epoch 0 of trial 9 in " + db + ": " + refused, epoch.getMessage());
            assertEquals("Cannot record a recovery of trial 9 in " + db + ": " + refused, recovery.getMessage());
        }
    }

    /** SQLite forgets a table's AUTOINCREMENT high-water mark when the table is dropped; version 5 keeps it. */
    @Test
    void afterTheRebuildTheIdOfADeletedTrialIsNotGivenAgain() throws Exception {
        Path db = dir.resolve("v4.db");
        try (var connection = atVersion(db, 4); var statement = connection.createStatement()) {
            insertOneOfEach(connection);
            statement.execute("INSERT INTO trials (task_id, controller, optimizer, seed, epochs, batch_size, status,"
                    + " started_at) VALUES (1, 'Constant(lr=0.3)', 'SGD', 1, 3, 8, 'running', 'then')");
            statement.execute("DELETE FROM trials WHERE id = 4");
        }

        try (ResultStore store = ResultStore.open(db.toString(), Fixtures.CLOCK)) {
            assertEquals(5, store.trials().start(Fixtures.trial(null, "tiny", "Constant(lr=0.01)")));
        }
    }

    /**
     * A database as a Psi that knew migrations 1 to {@code version} left it, made by running their SQLite scripts
     * on a plain connection, which does not enforce foreign keys.
     */
    private static Connection atVersion(Path db, int version) throws Exception {
        Connection connection = Fixtures.raw(db);
        try (var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                    + " applied_at TEXT NOT NULL)");
            for (String name : Migrations.scripts(Dialect.SQLITE).subList(0, version)) {
                String sql = script(name).replace("${id}", Dialect.SQLITE.identityColumn());
                for (String one : sql.split(";\\s*\\n")) {
                    statement.execute(one);
                }
                Matcher parts = Pattern.compile("V([0-9]+)__([a-z0-9_]+)(\\.sqlite)?\\.sql").matcher(name);
                assertTrue(parts.matches(), name);
                statement.execute("INSERT INTO schema_version VALUES (" + parts.group(1) + ", '" + parts.group(2)
                        + "', 'then')");
            }
        }
        return connection;
    }

    /**
     * A row in every table: a search study whose three trials ended completed, stopped by the search (stored as
     * failed before version 5) and diverged, with their epochs, a recovery, a surface sample, a model and a job.
     */
    private static void insertOneOfEach(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("INSERT INTO studies (name, purpose, created_at) VALUES ('halving', 'search', 'then')");
            statement.execute("INSERT INTO tasks (name, spec, created_at) VALUES ('tiny', '{}', 'then')");
            statement.execute("INSERT INTO trials (study_id, task_id, controller, optimizer, seed, epochs, batch_size,"
                    + " train_size, status, diverged_epoch, started_at, ended_at, wall_seconds, host, error, config,"
                    + " epochs_trained) VALUES"
                    + " (1, 1, 'Constant(lr=0.1)', 'SGD', 1, 3, 8, 200, 'completed', NULL, 't0', 't1', 2.5, 'node-1',"
                    + " NULL, '{\"strategy\":\"halving\"}', NULL),"
                    + " (1, 1, 'Constant(lr=0.01)', 'SGD', 1, 3, 8, 200, 'failed', NULL, 't0', 't2', 0.75, 'node-1',"
                    + " 'stopped by the search after 1 epochs', '{\"strategy\":\"halving\"}', NULL),"
                    + " (1, 1, 'Constant(lr=3)', 'SGD', 1, 3, 8, 200, 'diverged', 1, 't0', 't3', 1.25, 'node-2',"
                    + " NULL, '{\"strategy\":\"halving\"}', 4)");
            statement.execute("INSERT INTO epochs VALUES (1, 0, 0.1, 2.5, 2.25, 0.5, 10, 0.75),"
                    + " (1, 1, 0.1, 1.5, 1.25, 0.75, 20, 0.75), (1, 2, 0.1, 1.0, 1.0, 0.875, 30, 1.0),"
                    + " (2, 0, 0.01, 2.75, 2.5, 0.25, 10, 0.75), (3, 0, 3.0, 9.5, 8.0, 0.125, 10, 0.75),"
                    + " (3, 1, 3.0, NULL, NULL, NULL, 20, 0.5)");
            statement.execute("INSERT INTO recoveries VALUES (3, 1, 15, 'diverged', 1.5)");
            statement.execute("INSERT INTO surface VALUES (1, 'halving', 'tiny', 'walk', 200, 51, 8, 'SGD', 3, 2.75,"
                    + " 0, 2.75, NULL, 0.1, 2.5, 0.0953, 2.25, 0.5)");
            statement.execute("INSERT INTO psi_models (name, kind, path, content, created_at, study_id)"
                    + " VALUES ('psi-1', 'formula', 'psi.json', '{}', 'then', 1)");
            statement.execute("INSERT INTO jobs (study, job_key, kind, priority, payload, status, attempts, queued_at)"
                    + " VALUES ('halving', 'search', 'search', 0, '{}', 'done', 1, 'then')");
        }
    }

    /** Every row of every table but schema_version, AUTOINCREMENT counters included, by table, in a fixed order. */
    private static Map<String, List<String>> contents(Path db) throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String table : List.of("studies", "tasks", "trials", "epochs", "recoveries", "surface", "psi_models",
                "jobs", "sqlite_sequence")) {
            rows.put(table, Fixtures.query(db, "SELECT * FROM " + table + " ORDER BY 1, 2"));
        }
        return rows;
    }

    /** A migration script as the jar holds it. */
    private static String script(String name) throws IOException {
        try (var in = Migrations.class.getResourceAsStream("migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
