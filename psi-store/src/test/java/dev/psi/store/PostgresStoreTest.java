package dev.psi.store;

import dev.psi.core.result.SurfaceRow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store against a real PostgreSQL server, run only when {@code PSI_TEST_POSTGRES_URL} names a database
 * the test may create schemas in, e.g. {@code jdbc:postgresql://localhost:5432/psi?user=psi}. Each test works
 * in a schema of its own, dropped afterwards.
 */
@EnabledIfEnvironmentVariable(named = "PSI_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresStoreTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ThrowawaySchema schema = new ThrowawaySchema();

    @Test
    void aTrialRoundTripsAndReopeningMigratesNothing() {
        long id;
        try (ResultStore store = ResultStore.open(schema.url(), Fixtures.CLOCK)) {
            store.catalog().ensureStudy("pilot", "evaluate");
            store.catalog().ensureTask("tiny", "{}");
            id = store.trials().start(Fixtures.trial("pilot", "tiny", "StepLR(lr=0.1,step_size=2)"));
            store.epochs().record(id, new EpochResult(0, 0.1, 2.5, 2.25, 0.5, 10, 1.5));
            store.epochs().record(id, new EpochResult(1, 0.1, Double.NaN, 1.75, 0.625, 20, 1.25));
            store.trials().finish(id, TrialStatus.COMPLETED, null, null, 2.75);
        }
        try (ResultStore store = ResultStore.open(schema.url(), Fixtures.CLOCK)) {
            assertEquals(List.of(new TrialSummary(id, "pilot", "tiny", "StepLR(lr=0.1,step_size=2)",
                    "SGD(momentum=0.9)", 7, TrialStatus.COMPLETED, null, null, 3, 2, 0.625, 1.75, 2.75,
                    Fixtures.NOW)), store.trials().all());
            assertEquals(List.of(new EpochResult(0, 0.1, 2.5, 2.25, 0.5, 10, 1.5),
                    new EpochResult(1, 0.1, Double.NaN, 1.75, 0.625, 20, 1.25)), store.epochs().of(id));
        }
    }

    @Test
    void aCheckpointRoundTripsAsBytea() {
        try (ResultStore store = ResultStore.open(schema.url(), Fixtures.CLOCK)) {
            store.catalog().ensureStudy("pilot", "evaluate");
            store.catalog().ensureTask("tiny", "{}");
            long id = store.trials().start(Fixtures.trial("pilot", "tiny", "Constant(lr=0.1)"));
            byte[] state = new byte[70_000];
            for (int i = 0; i < state.length; i++) {
                state[i] = (byte) (i * 31);
            }
            store.checkpoints().save(id, 0, new byte[] {1});
            store.checkpoints().save(id, 3, state);

            StoredCheckpoint stored = store.checkpoints().of(id).orElseThrow();
            assertEquals(3, stored.epoch());
            assertArrayEquals(state, stored.state());
            store.checkpoints().delete(id);
            assertTrue(store.checkpoints().of(id).isEmpty());
        }
    }

    @Test
    void exportWritesTheSameCsvAsSqlite() throws Exception {
        try (ResultStore store = ResultStore.open(schema.url(), Fixtures.CLOCK)) {
            store.catalog().ensureTask("tiny", "{\"a\":1,\"b\":2}");
            long id = store.trials().start(Fixtures.trial(null, "tiny", "StepLR(lr=0.1,step_size=2)"));
            store.epochs().record(id, new EpochResult(0, 0.1, Double.NaN, 2.25, 0.5, 10, 1.5));
            store.csvExport().write(dir.resolve("export"));
        }

        assertEquals("id,name,spec,created_at\r\n1,tiny,\"{\"\"a\"\":1,\"\"b\"\":2}\",2025-01-02T03:04:05.678Z\r\n",
                Files.readString(dir.resolve("export/tasks.csv")));
        assertEquals("trial_id,epoch,lr,train_loss,val_loss,val_accuracy,steps,wall_seconds,test_loss,test_accuracy\r\n"
                + "1,0,0.1,,2.25,0.5,10,1.5,,\r\n", Files.readString(dir.resolve("export/epochs.csv")));
    }

    @Test
    void surfaceRowsAndTheResumeLookUpWorkAsOnSqlite() {
        try (ResultStore store = ResultStore.open(schema.url(), Fixtures.CLOCK)) {
            store.catalog().ensureStudy("surf", "sample");
            store.catalog().ensureTask("tiny", "{}");
            NewTrial planned = NewTrial.builder().study("surf").task("tiny").controller("Constant(lr=0.1)")
                    .optimizer("SGD").seed(1).epochs(2).batchSize(16).host("a").build();
            long id = store.trials().start(planned);
            SurfaceRow branch = new SurfaceRow(id, "surf", "tiny", "branch", new TaskFeatures(320, 51, 16, "SGD", 1), 2,
                    2.0, 0, 2.0, Double.NaN, 0.2, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.9, Double.NaN);
            SurfaceRow oracle = new SurfaceRow(id, "surf", "tiny", "oracle", new TaskFeatures(320, 51, 16, "SGD", 1), 2,
                    2.0, 0, 2.0, Double.NaN, 0.1, 1.5, Math.log(2.0 / 1.5), 0.8, Double.NaN);
            store.surface().record(oracle);
            store.surface().record(branch);
            store.surface().record(oracle);
            store.trials().recordEpochsTrained(id, 4);

            List<SurfaceRow> read = store.surface().of("surf");
            assertEquals(List.of("branch", "oracle"), read.stream().map(SurfaceRow::kind).toList());
            assertEquals(Double.NaN, read.get(0).nextLoss());
            assertEquals(oracle, read.get(1));
            assertEquals(List.of(id), store.trials().like(planned).stream().map(TrialSummary::id).toList());
        }
    }

    @Test
    void aFileRoundTripsAsByteaAndADamagedOneIsRefused() throws Exception {
        byte[] hello = "hello\n".getBytes(StandardCharsets.US_ASCII);
        try (ResultStore store = ResultStore.open(schema.url(), Fixtures.CLOCK)) {
            assertEquals(FileStoreTest.HELLO, store.files().put(hello));
            assertEquals(FileStoreTest.HELLO, store.files().put(hello));
            assertArrayEquals(hello, store.files().get(FileStoreTest.HELLO).orElseThrow());
            assertTrue(store.files().get("0".repeat(64)).isEmpty());
        }
        try (Connection connection = DriverManager.getConnection(schema.url());
             PreparedStatement update = connection.prepareStatement("UPDATE files SET content = ?")) {
            assertEquals(List.of(FileStoreTest.HELLO + "|6"), Fixtures.query(connection, "SELECT hash, size FROM files"));
            update.setBytes(1, FileStoreTest.gzip("jello\n".getBytes(StandardCharsets.US_ASCII)));
            update.executeUpdate();
        }
        try (ResultStore store = ResultStore.open(schema.url(), Fixtures.CLOCK)) {
            StoreException e = assertThrows(StoreException.class, () -> store.files().get(FileStoreTest.HELLO));
            assertTrue(e.getMessage().endsWith(": the stored content is damaged: its 6 bytes have SHA-256 "
                    + FileStore.hash("jello\n".getBytes(StandardCharsets.US_ASCII))
                    + " (stored size 6)"), e.getMessage());
        }
    }
}
