package dev.psi.lab.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.store.FileStore;
import dev.psi.store.ResultStore;
import dev.psi.store.ThrowawaySchema;
import dev.psi.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoredFilesTest}'s promises on a real PostgreSQL server, where the files travel as BYTEA: a trial job
 * whose task (spec and data) and Ψ model were stored, then deleted, runs from a worker's cache, and a second
 * worker with a cache of its own finds the trial done by its spec. Run only when {@code PSI_TEST_POSTGRES_URL}
 * names a database the test may create schemas in ({@code scripts/with-postgres} starts one); each test works in
 * a schema of its own, dropped afterwards.
 */
@EnabledIfEnvironmentVariable(named = "PSI_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresStoredFilesTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ThrowawaySchema schema = new ThrowawaySchema();

    @Test
    void aJobWhoseFilesAreGoneRunsFromTheStoreAndIsFoundDoneByContent() throws Exception {
        Path spec = StoredFilesTest.smallTask(dir.resolve("task"), "small.csv", dir.resolve("task/small.csv"));
        Path model = StoredFilesTest.formulaModel(dir.resolve("model.json"));
        try (ResultStore store = ResultStore.open(schema.url())) {
            StoredFiles queuer = new StoredFiles(store, dir.resolve("queuer"));
            TrialJob job = new TrialJob("s", "evaluate", queuer.storeTask(spec.toString()),
                    "Psi(model=" + queuer.storeModel(model, "psi-formula.json") + ")", null, "SGD()", 1, 2, null,
                    "psi-formula");
            StoredFilesTest.deleteTree(dir.resolve("task"));
            Files.delete(model);

            String first = withCache(dir.resolve("worker-1"), () -> job.run(store)).line();
            String second = withCache(dir.resolve("worker-2"), () -> job.run(store)).line();

            assertTrue(first.startsWith("evaluate small psi-formula seed 1: completed, "), first);
            assertTrue(second.endsWith(" (done before)"), second);
            assertEquals(1, store.trials().inStudy("s").size());
        }
    }

    @Test
    void aStoredFileThatDoesNotMatchItsHashIsRefused() throws Exception {
        try (ResultStore store = ResultStore.open(schema.url())) {
            String hash = store.files().put("hello\n".getBytes(StandardCharsets.US_ASCII));
            try (Connection connection = DriverManager.getConnection(schema.url());
                 PreparedStatement update = connection.prepareStatement("UPDATE files SET content = ?")) {
                update.setBytes(1, StoredFilesTest.gzip("jello\n"));
                update.executeUpdate();
            }

            StoreException e = assertThrows(StoreException.class,
                    () -> new StoredFiles(store, dir.resolve("worker")).fetch(hash));
            assertTrue(e.getMessage().contains("the stored content is damaged: its 6 bytes have SHA-256 "
                    + FileStore.hash("jello\n".getBytes(StandardCharsets.US_ASCII))), e.getMessage());
            assertTrue(Files.notExists(dir.resolve("worker").resolve(hash)));
        }
    }

    /** Runs {@code work} with the workers' default cache at {@code cache}, as a worker process with it would. */
    private static JobResult withCache(Path cache, Supplier<JobResult> work) {
        String before = System.getProperty(StoredFiles.CACHE_PROPERTY);
        System.setProperty(StoredFiles.CACHE_PROPERTY, cache.toString());
        try {
            return work.get();
        } finally {
            if (before == null) {
                System.clearProperty(StoredFiles.CACHE_PROPERTY);
            } else {
                System.setProperty(StoredFiles.CACHE_PROPERTY, before);
            }
        }
    }
}
