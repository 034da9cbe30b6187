package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.TrialStatus;
import dev.psi.lab.record.TrialRecords;
import dev.psi.store.JobRecord;
import dev.psi.store.JobStatus;
import dev.psi.store.ResultStore;
import dev.psi.store.TrialSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCommandTest {

    @TempDir
    Path dir;

    @Test
    void aSmallStudyRunsEndToEndAndWritesTheReport() {
        Path db = dir.resolve("study.db");
        Path out = dir.resolve("report");
        Cli result = Cli.run("study", "--tasks", "teacher-student", "--holdout", "noisy-quadratic", "--seeds", "1",
                "--methods", "constant,psi-formula", "--defaults", "textbook", "--labels", "greedy", "--name", "small", "--out", out.toString(), "--db", db.toString());

        assertEquals(0, result.exitCode(), result.err());
        String[] lines = result.out().split("\\R");
        assertTrue(lines[0].startsWith("study small (quick): trained on teacher-student, held out noisy-quadratic, "),
                lines[0]);
        assertTrue(result.out().contains("noisy-quadratic  psi-formula"), result.out());
        assertTrue(result.out().contains("noisy-quadratic  Constant(lr=α₀)"), result.out());
        assertTrue(lines[lines.length - 2].startsWith("verdict: ") && lines[lines.length - 2].contains("95 % CI"),
                lines[lines.length - 2]);
        assertEquals("report in " + out.toAbsolutePath() + "; stored as study small in " + db, lines[lines.length - 1]);
        assertTrue(Files.exists(out.resolve("index.html")));
        assertTrue(Files.exists(out.resolve("results.json")));
        try (ResultStore store = ResultStore.open(db.toString())) {
            assertEquals(2, store.trials().inStudy("small").size());
            assertFalse(store.surface().of("small-sample").isEmpty());
        }
    }

    @Test
    void aKilledWorkerCostsTheEpochInFlightNotTheStudy() throws Exception {
        Path db = dir.resolve("kill.db");
        CompletableFuture<Cli> study = CompletableFuture.supplyAsync(() -> Cli.run("study", "--tasks",
                "teacher-student", "--holdout", "noisy-quadratic", "--seeds", "2", "--methods", "constant,cosine", "--defaults", "textbook", "--labels", "greedy",
                "--workers", "2", "--name", "kill", "--out", dir.resolve("report").toString(), "--db", db.toString()));
        long victim = workerBetweenEpochsOfAnEvaluationRun(db, study);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();

        Cli result = study.get(5, TimeUnit.MINUTES);

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains("worker " + TrialRecords.machine() + ":" + victim + " "), result.err());
        assertTrue(result.err().contains("queued again"), result.err());
        assertTrue(result.err().contains("(resumed after epoch "), result.err());
        try (ResultStore store = ResultStore.open(db.toString())) {
            List<TrialSummary> trials = store.trials().inStudy("kill");
            assertEquals(4, trials.size(), "the killed trial went on under its own id: " + trials);
            assertTrue(trials.stream().allMatch(t -> t.status() == TrialStatus.COMPLETED), trials.toString());
            assertTrue(store.jobs().jobs("kill").stream().allMatch(job -> job.status() == JobStatus.DONE));
        }
        assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive), "no worker outlives the study");
    }

    /**
     * Waits until a worker process trains an evaluation trial of study kill that has stored a checkpoint,
     * and returns the worker's pid.
     */
    private static long workerBetweenEpochsOfAnEvaluationRun(Path db, CompletableFuture<Cli> study)
            throws Exception {
        while (!study.isDone()) {
            if (Files.exists(db)) {
                // Read-only: a poller that opened the store for writing would contend with the study's own opening
                // (and its migrations) for the write lock, and on a loaded machine could starve it past the busy
                // timeout. A store not yet migrated is refused; the next poll tries again.
                try (ResultStore store = ResultStore.openReadOnly(db.toString())) {
                    for (TrialSummary trial : store.trials().inStudy("kill")) {
                        if (trial.status() == TrialStatus.RUNNING && store.checkpoints().of(trial.id()).isPresent()) {
                            String worker = store.jobs().jobs("kill").stream()
                                    .filter(job -> job.status() == JobStatus.CLAIMED
                                            && job.payload().contains("\"controller\":\"" + trial.controller() + "\"")
                                            && job.payload().contains("\"seed\":" + trial.seed() + ","))
                                    .map(JobRecord::worker).findFirst().orElse(null);
                            if (worker != null) {
                                return Long.parseLong(worker.substring(worker.lastIndexOf(':') + 1));
                            }
                        }
                    }
                } catch (RuntimeException notReadyYet) {
                    // The study is still creating or migrating the store.
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the study ended before a worker could be killed: " + study.get().err());
    }

    @Test
    void aDryRunPrintsThePlanAndItsTimeAndStoresNothing() {
        Path db = dir.resolve("dry.db");
        Cli result = Cli.run("study", "--tasks", "teacher-student", "--holdout", "noisy-quadratic", "--seeds", "2",
                "--methods", "constant,psi-formula", "--defaults", "textbook", "--dry-run", "--workers", "2", "--db",
                db.toString());

        assertEquals(0, result.exitCode(), result.err());
        String[] lines = result.out().split("\\R");
        assertTrue(lines[0].startsWith("study study-quick (quick), dry run: seconds per epoch measured by a 2-epoch "
                + "probe trial per task here: {teacher-student="), lines[0]);
        assertTrue(lines[1].startsWith("training  teacher-student"), lines[1]);
        assertTrue(lines[2].startsWith("held out  noisy-quadratic"), lines[2]);
        // 2 rows (constant, psi-formula) × 2 seeds of 6 epochs.
        assertTrue(result.out().contains("evaluation runs (2 rows × 2 seeds)"), result.out());
        assertTrue(lines[lines.length - 1].matches("in all +\\d+ jobs +\\d+ epochs .* with 2 workers ≈ [0-9.]+ min"),
                lines[lines.length - 1]);
        assertFalse(Files.exists(db), "a dry run opens no store");
    }

    @Test
    void badInputIsOneLineAndExitStatus2() {
        String db = dir.resolve("bad.db").toString();
        String[][] cases = {
            {"study", "--preset", "huge", "--db", db},
            {"study", "--holdout", "fmnist-linear", "--db", db},
            {"study", "--methods", "magic", "--db", db},
            {"study", "--seeds", "0", "--db", db},
            {"study", "--defaults", "tuned", "--db", db},
            {"study", "--labels", "best", "--db", db},
            {"study", "--suite", "standard", "--db", db},
            {"study", "--holdout-families", "spirals", "--db", db},
            {"study", "--tasks", "no-such-task", "--db", db},
        };
        for (String[] args : cases) {
            Cli result = Cli.run(args);
            assertEquals(2, result.exitCode(), String.join(" ", args) + ": " + result.err());
            assertEquals(1, result.errLines().length, result.err());
            assertTrue(result.err().startsWith("psi study: "), result.err());
        }
        assertFalse(Files.exists(dir.resolve("bad.db")), "nothing is stored for bad input");
    }
}
