package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.TrialStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The work queue against a real PostgreSQL server: what {@link JobQueueTest} checks on SQLite that depends on
 * the dialect ({@code ON CONFLICT}, {@code RETURNING}, text concatenated with an integer, the claim's retry
 * under READ COMMITTED). Run only when {@code PSI_TEST_POSTGRES_URL} names a database the test may create
 * schemas in (see {@link PostgresStoreTest}); each test works in a schema of its own, dropped afterwards.
 */
@EnabledIfEnvironmentVariable(named = "PSI_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresJobQueueTest {

    private static final String SERVER = System.getenv("PSI_TEST_POSTGRES_URL");
    private static final Optional<String> STUDY = Optional.of("s");

    private String schema;
    private String url;
    private ResultStore store;
    private JobQueue queue;

    @BeforeEach
    void open() throws SQLException {
        schema = "psi_test_" + Long.toUnsignedString(System.nanoTime(), 36);
        url = SERVER + (SERVER.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        execute("CREATE SCHEMA " + schema);
        store = ResultStore.open(url, Fixtures.CLOCK);
        queue = store.jobs();
    }

    @AfterEach
    void close() throws SQLException {
        try {
            store.close();
        } finally {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static NewJob job(String key, int priority) {
        return new NewJob(key, "trial", priority, "{\"key\":\"" + key + "\"}");
    }

    @Test
    void enqueueStoresAQueuedJobOnce() {
        JobRecord first = queue.enqueue("s", job("a", 0));
        JobRecord second = queue.enqueue("s", job("a", 0));
        queue.enqueue("t", job("a", 0));

        assertEquals(new JobRecord(first.id(), "s", "a", "trial", 0, "{\"key\":\"a\"}", JobStatus.QUEUED, 0, null,
                null, null), first);
        assertEquals(first, second);
        assertEquals(1, queue.jobs("s").size());
        assertEquals(1, queue.jobs("t").size());
    }

    @Test
    void enqueueingADoneJobKeepsItsResult() {
        long id = queue.enqueue("s", job("a", 0)).id();
        queue.claim(STUDY, "w").orElseThrow();
        queue.complete(id, "{\"line\":\"ok\"}");

        JobRecord again = queue.enqueue("s", job("a", 0));

        assertEquals(JobStatus.DONE, again.status());
        assertEquals("{\"line\":\"ok\"}", again.result());
    }

    @Test
    void enqueueingAFailedJobQueuesItAgain() {
        long id = queue.enqueue("s", job("a", 0)).id();
        queue.claim(STUDY, "w").orElseThrow();
        queue.fail(id, "w", "data missing");
        assertEquals("data missing", queue.jobs("s").get(0).error());

        JobRecord again = queue.enqueue("s", job("a", 0));

        assertEquals(new JobRecord(id, "s", "a", "trial", 0, "{\"key\":\"a\"}", JobStatus.QUEUED, 0, null, null, null),
                again);
        assertEquals(1, queue.claim(STUDY, "w").orElseThrow().attempts());
    }

    @Test
    void claimTakesTheLowestPriorityThenTheOldest() {
        queue.enqueue("s", job("late", 1));
        queue.enqueue("s", job("first", 0));
        queue.enqueue("s", job("second", 0));
        queue.enqueue("s", job("early", -1));

        List<String> order = new ArrayList<>();
        for (Optional<JobRecord> claimed = queue.claim(STUDY, "w"); claimed.isPresent();
                claimed = queue.claim(STUDY, "w")) {
            order.add(claimed.get().key());
        }

        assertEquals(List.of("early", "first", "second", "late"), order);
    }

    @Test
    void claimMarksTheJobClaimedByTheWorkerAndKeepsToItsStudy() {
        queue.enqueue("t", job("a", 0));
        assertEquals(Optional.empty(), queue.claim(STUDY, "w"));

        JobRecord claimed = queue.claim(Optional.empty(), "host:7").orElseThrow();

        assertEquals(JobStatus.CLAIMED, claimed.status());
        assertEquals("t", claimed.study());
        assertEquals("host:7", claimed.worker());
        assertEquals(1, claimed.attempts());
        assertEquals(Optional.empty(), queue.claim(Optional.empty(), "w"));
    }

    @Test
    void concurrentWorkersNeverClaimOneJobTwice() throws Exception {
        for (int i = 0; i < 40; i++) {
            queue.enqueue("s", job("j" + i, 0));
        }
        int workers = 4;
        CyclicBarrier start = new CyclicBarrier(workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<List<String>>> claims = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                String worker = "w" + w;
                claims.add(pool.submit(() -> {
                    // Each thread is a separate process here: its own connection to the same schema.
                    try (ResultStore own = ResultStore.open(url)) {
                        JobQueue jobs = own.jobs();
                        // Start together, so that claims collide on the same row.
                        start.await(30, TimeUnit.SECONDS);
                        List<String> keys = new ArrayList<>();
                        for (Optional<JobRecord> job = jobs.claim(STUDY, worker); job.isPresent();
                                job = jobs.claim(STUDY, worker)) {
                            assertEquals(worker, job.get().worker());
                            keys.add(job.get().key());
                        }
                        return keys;
                    }
                }));
            }
            Map<String, String> claimer = new HashMap<>();
            int total = 0;
            for (int w = 0; w < workers; w++) {
                List<String> keys = claims.get(w).get(60, TimeUnit.SECONDS);
                total += keys.size();
                for (String key : keys) {
                    claimer.put(key, "w" + w);
                }
            }

            assertEquals(40, total);
            assertEquals(40, claimer.size());
            for (JobRecord job : queue.jobs("s")) {
                assertEquals(JobStatus.CLAIMED, job.status(), job.key());
                assertEquals(1, job.attempts(), job.key());
                assertEquals(claimer.get(job.key()), job.worker(), job.key());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void heartbeatIsRefusedOnceTheJobIsNoLongerTheWorkers() {
        long id = queue.enqueue("s", job("a", 0)).id();
        queue.claim(STUDY, "w").orElseThrow();

        assertTrue(queue.heartbeat(id, "w"));
        assertFalse(queue.heartbeat(id, "other"));
        queue.release("w", 3);
        assertFalse(queue.heartbeat(id, "w"));
    }

    @Test
    void releasePutsTheWorkersJobsBackInTheQueue() {
        queue.enqueue("s", job("a", 0));
        queue.enqueue("s", job("b", 0));
        queue.claim(STUDY, "dead").orElseThrow();
        queue.claim(STUDY, "alive").orElseThrow();

        List<JobRecord> released = queue.release("dead", 3);

        assertEquals(List.of("a"), released.stream().map(JobRecord::key).toList());
        assertEquals(JobStatus.QUEUED, released.get(0).status());
        assertEquals(1, released.get(0).attempts());
        JobRecord again = queue.claim(STUDY, "alive").orElseThrow();
        assertEquals("a", again.key());
        assertEquals(2, again.attempts());
    }

    @Test
    void releaseFailsAJobWhoseWorkerDiedOnItMaxAttemptsTimes() {
        queue.enqueue("s", job("a", 0));
        for (int i = 0; i < 2; i++) {
            queue.claim(STUDY, "w").orElseThrow();
            queue.release("w", 2);
        }

        JobRecord failed = queue.jobs("s").get(0);
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals(2, failed.attempts());
        assertEquals("its worker stopped while running it 2 times", failed.error());
        assertEquals(Optional.empty(), queue.claim(STUDY, "w"));
    }

    @Test
    void releaseMarksTheWorkersRunningTrialsInterrupted() {
        store.ensureTask("tiny", "{}");
        store.ensureStudy("s", "evaluate");
        NewTrial planned = Fixtures.trial("s", "tiny", "Constant(lr=0.1)");
        long mine = store.startTrial(new NewTrial(planned.study(), planned.task(), planned.controller(),
                planned.optimizer(), 1, planned.epochs(), planned.batchSize(), null, "host:7", null));
        long others = store.startTrial(new NewTrial(planned.study(), planned.task(), planned.controller(),
                planned.optimizer(), 2, planned.epochs(), planned.batchSize(), null, "host:8", null));
        queue.enqueue("s", job("a", 0));
        queue.claim(STUDY, "host:7").orElseThrow();

        List<JobRecord> released = queue.release("host:7", 3);

        assertEquals(List.of("a"), released.stream().map(JobRecord::key).toList());
        List<TrialSummary> trials = store.trials("s");
        assertEquals(mine, trials.get(0).id());
        assertEquals(TrialStatus.FAILED, trials.get(0).status());
        assertEquals("interrupted", trials.get(0).error());
        assertEquals(others, trials.get(1).id());
        assertEquals(TrialStatus.RUNNING, trials.get(1).status());
    }

    @Test
    void silentWorkersAreThoseWhoseHeartbeatIsOlderThanTheSilence() {
        queue.enqueue("s", job("a", 0));
        queue.enqueue("s", job("b", 0));
        queue.claim(STUDY, "old").orElseThrow();
        try (ResultStore later = ResultStore.open(url, Clock.fixed(Fixtures.NOW.plusSeconds(50), ZoneOffset.UTC))) {
            later.jobs().claim(STUDY, "fresh").orElseThrow();

            assertEquals(List.of("old"), later.jobs().silentWorkers("s", Duration.ofSeconds(30)));
            assertEquals(List.of(), later.jobs().silentWorkers("s", Duration.ofSeconds(60)));
            assertEquals(List.of(), later.jobs().silentWorkers("t", Duration.ofSeconds(30)));
        }
    }

    @Test
    void completeAndFailEndTheJob() {
        long done = queue.enqueue("s", job("a", 0)).id();
        long failed = queue.enqueue("s", job("b", 0)).id();
        queue.claim(STUDY, "w").orElseThrow();
        queue.claim(STUDY, "w").orElseThrow();

        queue.complete(done, "{\"line\":\"x\"}");
        queue.fail(failed, "w", "data missing");

        List<JobRecord> jobs = queue.jobs("s");
        assertEquals(JobStatus.DONE, jobs.get(0).status());
        assertEquals("{\"line\":\"x\"}", jobs.get(0).result());
        assertEquals(null, jobs.get(0).error());
        assertEquals(JobStatus.FAILED, jobs.get(1).status());
        assertEquals("data missing", jobs.get(1).error());
        assertEquals(null, jobs.get(1).result());
        assertEquals(List.of(), queue.release("w", 3));
    }

    @Test
    void aDoneJobStaysDoneWhenALateWorkerFailsIt() {
        long id = queue.enqueue("s", job("a", 0)).id();
        queue.complete(id, "{}");

        queue.fail(id, "w", "late");

        JobRecord job = queue.jobs("s").get(0);
        assertEquals(JobStatus.DONE, job.status());
        assertEquals("{}", job.result());
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
