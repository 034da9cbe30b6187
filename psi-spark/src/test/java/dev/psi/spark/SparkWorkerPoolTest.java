package dev.psi.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.psi.app.ReducedStudyTasks;
import dev.psi.app.ResultsComparison;
import dev.psi.store.JobRecord;
import dev.psi.store.JobStatus;
import dev.psi.store.ResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code psi study --executor spark --spark-master local[2]}: the study's jobs run as Spark tasks, each a
 * {@code psi worker} process, and give the results two local worker processes give.
 */
class SparkWorkerPoolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * The reduced study of psi-app's PinningTest (one training and one held-out task, 6 epochs, 1 seed, two
     * methods, greedy labels), run with {@code --workers 2} and with Spark {@code local[2]}: their results.json
     * agree but for wall-clock seconds and the environment, and every job of the Spark run is done once.
     */
    @Test
    void aStudyOnSparkGivesTheResultsOfLocalWorkers() throws Exception {
        ReducedStudyTasks tasks = ReducedStudyTasks.writeTo(dir);
        Path ts = tasks.teacherStudent();
        Path nq = tasks.noisyQuadratic();
        JsonNode local = study("local", ts, nq, "--workers", "2");
        JsonNode spark = study("spark", ts, nq, "--executor", "spark", "--spark-master", "local[2]");

        assertEquals(ResultsComparison.withoutWallClock(local).toPrettyString(),
                ResultsComparison.withoutWallClock(spark).toPrettyString());
        try (ResultStore store = ResultStore.open(dir.resolve("spark.db").toString())) {
            // Every job ran once, to its end, in the workers of two Spark tasks at once.
            List<JobRecord> jobs = store.jobs().jobs("reduced");
            assertTrue(jobs.stream().allMatch(job -> job.status() == JobStatus.DONE && job.attempts() == 1), "" + jobs);
            List<String> workers = jobs.stream().map(JobRecord::worker).distinct().toList();
            assertTrue(workers.size() >= 2, "two Spark tasks' workers took jobs: " + workers);
        }
        String log = Files.readString(dir.resolve("spark.log"));
        assertTrue(log.contains("Spark 4.0.1 at local[2]: 2 worker tasks at once"), log);
        assertTrue(Files.exists(dir.resolve("spark/workers/spark-worker-0.log")));
    }

    private JsonNode study(String name, Path ts, Path nq, String... executor) throws Exception {
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("study", "--tasks", ts.toString(), "--holdout",
                nq.toString(), "--seeds", "1", "--methods", "constant,psi-formula", "--defaults", "textbook", "--labels",
                "greedy", "--name", "reduced", "--out", out.toString(), "--db", dir.resolve(name + ".db").toString()));
        args.addAll(List.of(executor));
        PsiProcess.run(Map.of(), dir.resolve(name + ".log"), args.toArray(String[]::new));
        return JSON.readTree(out.resolve("results.json").toFile());
    }
}
