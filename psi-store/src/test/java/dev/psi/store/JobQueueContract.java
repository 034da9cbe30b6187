package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.TrialStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
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

/**
 * What the work queue guarantees, on any database: {@link JobQueueTest} runs it on SQLite,
 * {@link PostgresJobQueueTest} on a PostgreSQL server (where {@code ON CONFLICT}, {@code RETURNING}, text
 * concatenated with an integer and the claim's retry under READ COMMITTED differ from SQLite).
 */
abstract class JobQueueContract {

    static final Optional<String> STUDY = Optional.of("s");

    private ResultStore store;
    JobQueue queue;

    /** A database location for this test, empty; every call in one test names the same database. */
    abstract String location() throws Exception;

    /** Removes what {@link #location()} made, after the store is closed. */
    void dispose() throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        store = ResultStore.open(location(), Fixtures.CLOCK);
        queue = store.jobs();
    }

    @AfterEach
    void close() throws Exception {
        try {
            store.close();
        } finally {
            dispose();
        }
    }

    static NewJob job(String key, int priority) {
        return new NewJob(key, "trial", priority, "{\"key\":\"" + key + "\"}");
    }

    @Test
    void enqueueStoresAQueuedJob() {
        JobRecord queued = queue.enqueue("s", job("a", 0));

        assertEquals(new JobRecord(queued.id(), "s", "a", "trial", 0, "{\"key\":\"a\"}", JobStatus.QUEUED, 0, null,
                null, null), queued);
    }

    @Test
    void enqueueingAKeyTwiceQueuesItOnce() {
        JobRecord first = queue.enqueue("s", job("a", 0));
        JobRecord second = queue.enqueue("s", job("a", 0));

        assertEquals(first, second);
        assertEquals(1, queue.jobs("s").size());
    }

    @Test
    void theSameKeyInAnotherStudyIsAnotherJob() {
        queue.enqueue("s", job("a", 0));
        queue.enqueue("t", job("a", 0));

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

        JobRecord again = queue.enqueue("s", job("a", 0));

        assertEquals(new JobRecord(id, "s", "a", "trial", 0, "{\"key\":\"a\"}", JobStatus.QUEUED, 0, null, null, null),
                again);
    }

    @Test
    void claimTakesTheLowestPriorityThenTheOldest() {
        queue.enqueue("s", job("late", 1));
        queue.enqueue("s", job("first", 0));
        queue.enqueue("s", job("second", 0));

        List<String> order = new ArrayList<>();
        for (Optional<JobRecord> claimed = queue.claim(STUDY, "w"); claimed.isPresent();
                claimed = queue.claim(STUDY, "w")) {
            order.add(claimed.get().key());
        }

        assertEquals(List.of("first", "second", "late"), order);
    }

    @Test
    void claimMarksTheJobClaimedByTheWorker() {
        queue.enqueue("s", job("a", 0));

        JobRecord claimed = queue.claim(STUDY, "host:7").orElseThrow();

        assertEquals(JobStatus.CLAIMED, claimed.status());
        assertEquals("host:7", claimed.worker());
        assertEquals(1, claimed.attempts());
    }

    @Test
    void claimOfAStudyIgnoresOtherStudies() {
        queue.enqueue("t", job("a", 0));

        assertEquals(Optional.empty(), queue.claim(STUDY, "w"));
        assertEquals("t", queue.claim(Optional.empty(), "w").orElseThrow().study());
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
                    // Each thread is a separate process here: its own connection to the same database.
                    try (ResultStore own = ResultStore.open(location())) {
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
        assertEquals("a", queue.claim(STUDY, "alive").orElseThrow().key());
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
        assertEquals("its worker stopped while running it 2 times", failed.error());
        assertEquals(Optional.empty(), queue.claim(STUDY, "w"));
    }

    @Test
    void releaseMarksTheWorkersRunningTrialsInterrupted() {
        store.catalog().ensureTask("tiny", "{}");
        store.catalog().ensureStudy("s", "evaluate");
        NewTrial planned = Fixtures.trial("s", "tiny", "Constant(lr=0.1)");
        long mine = store.trials().start(planned.toBuilder().seed(1).host("host:7").build());
        long others = store.trials().start(planned.toBuilder().seed(2).host("host:8").build());

        queue.release("host:7", 3);

        List<TrialSummary> trials = store.trials().inStudy("s");
        assertEquals(TrialStatus.FAILED, trials.get(0).status());
        assertEquals("interrupted", trials.get(0).error());
        assertEquals(mine, trials.get(0).id());
        assertEquals(TrialStatus.RUNNING, trials.get(1).status());
        assertEquals(others, trials.get(1).id());
    }

    @Test
    void silentWorkersAreThoseWhoseHeartbeatIsOlderThanTheSilence() throws Exception {
        queue.enqueue("s", job("a", 0));
        queue.enqueue("s", job("b", 0));
        queue.claim(STUDY, "old").orElseThrow();
        try (ResultStore later = ResultStore.open(location(),
                Clock.fixed(Fixtures.NOW.plusSeconds(50), ZoneOffset.UTC))) {
            later.jobs().claim(STUDY, "fresh").orElseThrow();

            assertEquals(List.of("old"), later.jobs().silentWorkers("s", Duration.ofSeconds(30)));
            assertEquals(List.of(), later.jobs().silentWorkers("s", Duration.ofSeconds(60)));
        }
    }

    @Test
    void completeEndsTheJobDoneWithItsResult() {
        long id = queue.enqueue("s", job("a", 0)).id();
        queue.claim(STUDY, "w").orElseThrow();

        queue.complete(id, "{\"line\":\"x\"}");

        JobRecord done = queue.jobs("s").get(0);
        assertEquals(JobStatus.DONE, done.status());
        assertEquals("{\"line\":\"x\"}", done.result());
    }

    @Test
    void statesSayWhereEachJobOfTheStudyStandsInQueueOrder() {
        long a = queue.enqueue("s", job("a", 0)).id();
        long b = queue.enqueue("s", job("b", 1)).id();
        long c = queue.enqueue("s", job("c", 0)).id();
        queue.enqueue("other", job("d", 0));
        queue.claim(STUDY, "w").orElseThrow();
        queue.complete(a, "{}");

        assertEquals(List.of(new JobState(a, "a", JobStatus.DONE, "w"), new JobState(b, "b", JobStatus.QUEUED, null),
                new JobState(c, "c", JobStatus.QUEUED, null)), queue.states("s"));
    }

    @Test
    void jobsByIdReadTheWholeRowsOfThoseIdsInTheStudyInIdOrder() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 1201; i++) {
            ids.add(queue.enqueue("s", job("k" + i, 0)).id());
        }
        long elsewhere = queue.enqueue("other", job("x", 0)).id();
        List<Long> asked = new ArrayList<>(ids.subList(1, 1201));
        Collections.reverse(asked);
        asked.add(elsewhere);
        asked.add(ids.get(7));

        List<JobRecord> rows = queue.jobs("s", asked);

        assertEquals(ids.subList(1, 1201), rows.stream().map(JobRecord::id).toList());
        assertEquals(new JobRecord(ids.get(1), "s", "k1", "trial", 0, "{\"key\":\"k1\"}", JobStatus.QUEUED, 0, null,
                null, null), rows.get(0));
        assertEquals(List.of(), queue.jobs("s", List.of()));
    }

    @Test
    void aDoneJobStaysDoneWhenALateWorkerFailsIt() {
        long id = queue.enqueue("s", job("a", 0)).id();
        queue.complete(id, "{}");

        queue.fail(id, "w", "late");

        assertEquals(JobStatus.DONE, queue.jobs("s").get(0).status());
    }

    @Test
    void aWorkerThatNoLongerHoldsItsJobCannotFailIt() {
        long id = queue.enqueue("s", job("a", 0)).id();
        queue.claim(STUDY, "slow").orElseThrow();
        queue.release("slow", 3);
        queue.claim(STUDY, "next").orElseThrow();

        queue.fail(id, "slow", "too late");

        JobRecord job = queue.jobs("s").get(0);
        assertEquals(JobStatus.CLAIMED, job.status());
        assertEquals("next", job.worker());
    }

    @Test
    void requeueGivesTheJobBackWithoutCountingTheClaim() {
        queue.enqueue("s", job("a", 0));
        for (int i = 0; i < 5; i++) {
            queue.claim(STUDY, "w").orElseThrow();
            queue.requeue("w");
        }

        JobRecord job = queue.jobs("s").get(0);
        assertEquals(JobStatus.QUEUED, job.status());
        assertEquals(0, job.attempts());
    }

    @Test
    void supersedeFailsTheStudysQueuedJobsOnlyAndQueuingAgainRevivesThem() {
        queue.enqueue("s", job("running", 0));
        queue.enqueue("s", job("waiting", 1));
        queue.enqueue("t", job("waiting", 1));
        queue.claim(STUDY, "w").orElseThrow();

        assertEquals(1, queue.supersede("s"));

        List<JobRecord> jobs = queue.jobs("s");
        assertEquals(JobStatus.CLAIMED, jobs.get(0).status());
        assertEquals(JobStatus.FAILED, jobs.get(1).status());
        assertEquals("superseded by a new run of the study", jobs.get(1).error());
        assertEquals(JobStatus.QUEUED, queue.jobs("t").get(0).status());
        assertEquals(JobStatus.QUEUED, queue.enqueue("s", job("waiting", 1)).status());
    }
}
