package dev.psi.app.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.psi.store.ResultStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardApiTest {

    @TempDir
    Path folder;

    /** A clock whose first reading fails with an Error, as a stack overflow inside a count would; later ones work. */
    private static final class FailingOnceClock extends Clock {

        final AtomicInteger readings = new AtomicInteger();

        @Override
        public Instant instant() {
            if (readings.getAndIncrement() == 0) {
                throw new StackOverflowError("the first count's");
            }
            return Instant.EPOCH;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void anErrorInOneCountDoesNotStopTheCounting() throws InterruptedException {
        String path = folder.resolve("results.db").toString();
        ResultStore.open(path).close();
        FailingOnceClock clock = new FailingOnceClock();
        try (ReopeningStore store = ReopeningStore.open(path); ReopeningStore counting = ReopeningStore.open(path)) {
            DashboardApi api = new DashboardApi(store, counting, new Reports(List.of()), clock);
            try {
                DashboardApi.Snapshot snapshot = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (snapshot == null && System.nanoTime() < deadline) {
                    try {
                        snapshot = api.snapshot();
                    } catch (IllegalStateException firstCountFailed) {
                        Thread.sleep(100);
                    }
                }
                assertNotNull(snapshot, "no count after the failed one");
                assertEquals(Instant.EPOCH, snapshot.countedAt());
            } finally {
                api.close();
            }
        }
    }
}
