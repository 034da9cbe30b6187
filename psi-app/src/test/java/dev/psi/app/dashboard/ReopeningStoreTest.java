package dev.psi.app.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.store.ResultStore;
import dev.psi.store.StoreException;
import dev.psi.store.ThrowawaySchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReopeningStore} opens its store again after the connection was lost, and only then. */
class ReopeningStoreTest {

    private static final byte[] CONTENT = "hello\n".getBytes(StandardCharsets.US_ASCII);
    /** Names the test's connections, so that it drops its own and no other test's. */
    private static final String APPLICATION = "psi-reopening-store-test";

    @TempDir
    Path dir;

    /** On the PostgreSQL server of the tests (skipped without one, as psi-store's PostgreSQL tests are). */
    @Test
    @EnabledIfEnvironmentVariable(named = ThrowawaySchema.VARIABLE, matches = "jdbc:postgresql:.+")
    void readsOnANewConnectionAfterTheServerDroppedTheOldOne() throws Exception {
        try (ThrowawaySchema schema = ThrowawaySchema.create()) {
            String url = schema.url() + "&ApplicationName=" + APPLICATION;
            String hash;
            try (ResultStore writer = ResultStore.open(url)) {
                hash = writer.files().put(CONTENT);
            }
            try (ReopeningStore store = ReopeningStore.open(url); ResultStore plain = ResultStore.openReadOnly(url)) {
                assertArrayEquals(CONTENT, store.read(s -> s.files().get(hash)).orElseThrow());

                // What a server restart does to every open connection.
                schema.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                        + APPLICATION + "'");

                assertThrows(StoreException.class, () -> plain.files().get(hash), "a plain store stays broken");
                assertFalse(plain.connected());
                assertArrayEquals(CONTENT, store.read(s -> s.files().get(hash)).orElseThrow());
            }
        }
    }

    @Test
    void aClosedStoreOpensNothingAgain() {
        String path = dir.resolve("psi.db").toString();
        ResultStore.open(path).close();
        ReopeningStore store = ReopeningStore.open(path);
        store.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store.read(s -> s.files().get("0".repeat(64))));
        assertEquals("the dashboard's store " + path + " is closed", e.getMessage());
    }

    @Test
    void aFailureOnAConnectionThatStillAnswersIsNotTriedAgain() {
        String path = dir.resolve("psi.db").toString();
        ResultStore.open(path).close();
        AtomicInteger tries = new AtomicInteger();
        try (ReopeningStore store = ReopeningStore.open(path)) {
            // A store opened read-only refuses to write: a failure of the query, not of the connection.
            assertThrows(StoreException.class, () -> store.read(s -> {
                tries.incrementAndGet();
                return s.files().put(CONTENT);
            }));
        }
        assertEquals(1, tries.get());
    }
}
