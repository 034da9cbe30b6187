package dev.psi.lab.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.TrialStatus;
import dev.psi.store.JobRecord;
import dev.psi.store.JobStatus;
import dev.psi.store.ResultStore;
import dev.psi.store.TrialSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's workers in this process: running jobs, failures, resumption, and dead workers' jobs. */
class WorkersTest {

    @TempDir
    Path dir;

    private ResultStore store;
    private final List<String> lines = new ArrayList<>();

    @BeforeEach
    void open() {
        store = ResultStore.open(dir.resolve("psi.db").toString());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static TrialJob trial(long seed) {
        return new TrialJob("s", "evaluate", "teacher-student", "Constant(lr=0.1)", null, "SGD(momentum=0.9)", seed, 1,
                200, "constant");
    }

    @Test
    void theWaitBetweenPollsIsTheIntervalOrNineTimesTheLastPollUpToFiveSeconds() {
        assertEquals(200, QueuedWorkers.pauseMillis(0));
        assertEquals(200, QueuedWorkers.pauseMillis(22_000_000));
        assertEquals(270, QueuedWorkers.pauseMillis(30_000_000));
        assertEquals(4500, QueuedWorkers.pauseMillis(500_000_000));
        assertEquals(5000, QueuedWorkers.pauseMillis(700_000_000));
    }

    @Test
    void awaitRunsTheJobsAndReportsEachOnce() {
        try (Workers workers = Workers.inProcess(store, lines::add)) {
            workers.submit("s", List.of(trial(1), trial(2)), 0);
            List<JobResult> results = workers.await("s", List.of(trial(2), trial(1)));

            assertEquals(2, results.size());
            assertTrue(results.get(0).line().startsWith("evaluate teacher-student constant seed 2: completed, "),
                    results.get(0).line());
            assertEquals(2, lines.size(), lines.toString());
        }
        assertEquals(2, store.trials().inStudy("s").stream().filter(t -> t.status() == TrialStatus.COMPLETED).count());
    }

    @Test
    void eachFinishedJobsLineEndsWithTheOverallProgress() {
        try (Workers workers = Workers.inProcess(store, lines::add)) {
            workers.submit("s", List.of(trial(1), trial(2)), 0);
            workers.await("s", List.of(trial(1), trial(2)));
        }
        assertTrue(lines.get(0).matches(".*: completed, .* s  \\[1/2 jobs queued so far, 0:\\d\\d elapsed, ≥ 0:\\d\\d left]"),
                lines.get(0));
        assertTrue(lines.get(1).matches(".*  \\[2/2 jobs queued so far, 0:\\d\\d elapsed, ≥ 0:00 left]"), lines.get(1));
    }

    @Test
    void resubmittingDoneJobsRunsNothingAndSaysDoneBefore() {
        try (Workers workers = Workers.inProcess(store, Workers.Listener.NONE)) {
            workers.submit("s", List.of(trial(1)), 0);
            workers.await("s", List.of(trial(1)));
        }
        try (Workers again = Workers.inProcess(store, lines::add)) {
            again.submit("s", List.of(trial(1)), 0);
            again.await("s", List.of(trial(1)));
        }

        assertEquals(1, store.trials().inStudy("s").size());
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).endsWith(" (done before)"), lines.get(0));
    }

    @Test
    void aFailedJobFailsTheAwaitWithOneLine() {
        TrialJob missing = new TrialJob("s", "evaluate", "no-such-task", "Constant(lr=0.1)", null, "SGD()", 1, 1, null,
                "constant");
        try (Workers workers = Workers.inProcess(store, lines::add)) {
            workers.submit("s", List.of(missing), 0);

            JobFailedException e = assertThrows(JobFailedException.class, () -> workers.await("s", List.of(missing)));
            assertTrue(e.getMessage().startsWith("job '"), e.getMessage());
            assertTrue(e.getMessage().contains("unknown task 'no-such-task'"), e.getMessage());
        }
        assertEquals(JobStatus.FAILED, store.jobs().jobs("s").get(0).status());
    }

    @Test
    void aJobHeldByAProcessThatNoLongerExistsIsRunAgain() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String deadWorker = dev.psi.lab.record.TrialRecords.machine() + ":" + gone.pid();
        try (Workers workers = Workers.inProcess(store, lines::add)) {
            workers.submit("s", List.of(trial(1)), 0);
            JobRecord claimed = store.jobs().claim(Optional.of("s"), deadWorker).orElseThrow();

            workers.await("s", List.of(trial(1)));

            assertEquals(JobStatus.DONE, store.jobs().jobs("s").get(0).status());
            // Not counted against the job: a stopped study's worker did not fail on it.
            assertEquals(1, store.jobs().jobs("s").get(0).attempts());
            assertEquals(claimed.id(), store.jobs().jobs("s").get(0).id());
        }
        assertTrue(lines.contains("worker " + deadWorker + " is gone; job 'evaluate teacher-student constant seed 1' "
                + "queued again"), lines.toString());
    }

    @Test
    void aWorkerRunsWhatIsQueuedThenStopsAfterItsLinger() {
        store.jobs().enqueue("s", Jobs.toNew(trial(1), 0));
        store.jobs().enqueue("t", Jobs.toNew(trial(2), 0));
        try (Worker worker = new Worker(store, Optional.of("s"), lines::add)) {
            assertEquals(1, worker.serve(Duration.ZERO));
        }
        assertEquals(JobStatus.QUEUED, store.jobs().jobs("t").get(0).status(), "another study's job is not taken");
        try (Worker any = new Worker(store, Optional.empty(), lines::add)) {
            assertEquals(1, any.serve(Duration.ZERO));
        }
        assertEquals(2, lines.size());
    }

    @Test
    void aWorkerStoresItsTrialsUnderItsName() {
        store.jobs().enqueue("s", Jobs.toNew(trial(1), 0));
        try (Worker worker = new Worker(store, Optional.of("s"), Workers.Listener.NONE)) {
            assertFalse(worker.runNext().isEmpty());
            TrialSummary trial = store.trials().inStudy("s").get(0);
            assertEquals(worker.name(), store.jobs().jobs("s").get(0).worker());
            assertEquals(TrialStatus.COMPLETED, trial.status());
        }
    }

    /**
     * A pool of one worker on a thread of this JVM (the only one training), which drains the queue and ends: what a
     * {@link WorkerExecutor}'s pool starts elsewhere, e.g. a Spark task's worker process.
     */
    private final class DrainingPool implements WorkerPool {

        private int starts;
        private Thread thread;

        @Override
        public void start() {
            starts++;
            thread = new Thread(() -> {
                try (Worker worker = new Worker(store, Optional.of("s"), Workers.Listener.NONE)) {
                    worker.serve(Duration.ZERO);
                }
            });
            thread.start();
        }

        @Override
        public boolean running() {
            return thread != null && thread.isAlive();
        }

        @Override
        public void close() {
            try {
                if (thread != null) {
                    thread.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void anExternalPoolIsStartedOnceForEachWaveOfJobs() {
        DrainingPool pool = new DrainingPool();
        try (Workers workers = Workers.external(store, pool, lines::add)) {
            workers.submit("s", List.of(trial(1), trial(2)), 0);
            assertEquals(2, workers.await("s", List.of(trial(1), trial(2))).size());
            assertEquals(1, pool.starts);
            // The pool's worker ends with the queue empty (joined here, so that it cannot take the next wave's job
            // on its way out); the next wave starts the pool again.
            pool.close();
            workers.submit("s", List.of(trial(3)), 0);
            assertTrue(workers.await("s", List.of(trial(3))).get(0).line().startsWith(
                    "evaluate teacher-student constant seed 3: completed, "));
            assertEquals(2, pool.starts);
        }
        assertEquals(3, lines.size(), lines.toString());
        assertEquals(3, store.trials().inStudy("s").stream().filter(t -> t.status() == TrialStatus.COMPLETED).count());
    }
}
