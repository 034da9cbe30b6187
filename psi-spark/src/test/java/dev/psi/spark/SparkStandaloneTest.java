package dev.psi.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.app.Psi;
import dev.psi.app.ReducedStudyTasks;
import dev.psi.core.result.TrialStatus;
import dev.psi.store.JobRecord;
import dev.psi.store.JobStatus;
import dev.psi.store.ResultStore;
import dev.psi.store.ThrowawaySchema;
import dev.psi.store.TrialSummary;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study on a real Spark cluster, on this machine: a standalone master and worker started from the jars
 * ({@code org.apache.spark.deploy.master.Master}, {@code deploy.worker.Worker}) in child JVMs on 127.0.0.1, and a
 * PostgreSQL store. The executor JVM is killed mid-study, as a lost machine would be; the study must still
 * finish, with every trial trained once and to its end. Runs only when {@code PSI_TEST_POSTGRES_URL} names a
 * database the test may create schemas in (as psi-store's PostgresStoreTest); it works in a schema of its own,
 * dropped afterwards.
 */
@EnabledIfEnvironmentVariable(named = "PSI_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class SparkStandaloneTest {

    private static final String STUDY = "reduced";

    @TempDir
    Path dir;

    private final List<Process> daemons = new ArrayList<>();
    private ThrowawaySchema schema;

    @AfterEach
    void stop() throws Exception {
        for (Process daemon : daemons) {
            daemon.descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.destroyForcibly().waitFor();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void aStudySurvivesTheLossOfItsSparkExecutor() throws Exception {
        schema = ThrowawaySchema.create();
        String db = schema.url();

        Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars"));
        Map<String, String> spark = Map.of("SPARK_HOME", sparkHome.getParent().toString(), "SPARK_SCALA_VERSION",
                "2.13", "SPARK_LOCAL_IP", "127.0.0.1");
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        daemons.add(daemon(spark, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--webui-port", Integer.toString(freePort())));
        Process worker = daemon(spark, "worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--cores", "2", "--memory", "2g", "--work-dir", dir.resolve("work").toString(), "--webui-port",
                Integer.toString(freePort()), master);
        daemons.add(worker);

        ReducedStudyTasks tasks = ReducedStudyTasks.writeTo(dir);
        Path ts = tasks.teacherStudent();
        Path nq = tasks.noisyQuadratic();
        Path log = dir.resolve("study.log");
        List<String> options = new ArrayList<>(List.of("-Dspark.driver.host=127.0.0.1",
                "-Dspark.driver.bindAddress=127.0.0.1"));
        Process study = start(spark, log, options, Psi.class.getName(), "study", "--executor", "spark",
                "--spark-master", master, "--tasks", ts.toString(), "--holdout", nq.toString(), "--seeds", "1",
                "--methods", "constant,psi-formula", "--defaults", "textbook", "--labels", "greedy", "--name", STUDY,
                "--out", dir.resolve("out").toString(), "--db", db);

        // Mid-study: once a few jobs are done and others are being trained, the executor (the standalone
        // worker's child JVM, parent of the psi workers) dies as a lost machine's would.
        try (ResultStore store = ResultStore.open(db)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!midStudy(store.jobs().jobs(STUDY))) {
                assertTrue(study.isAlive(), () -> "the study ended before the kill:\n" + read(log));
                assertTrue(System.nanoTime() < deadline, () -> "no job was claimed:\n" + read(log));
                Thread.sleep(200);
            }
        }
        List<ProcessHandle> executors = worker.children().toList();
        assertEquals(1, executors.size(), "one executor JVM: " + executors);
        executors.get(0).destroyForcibly();

        assertTrue(study.waitFor(4, TimeUnit.MINUTES), () -> "the study did not finish:\n" + read(log));
        assertEquals(0, study.exitValue(), () -> read(log));
        String output = read(log);
        assertTrue(output.contains("queued again"), "a killed worker's job went back to the queue:\n" + output);
        try (ResultStore store = ResultStore.open(db)) {
            assertTrue(store.jobs().jobs(STUDY).stream().allMatch(job -> job.status() == JobStatus.DONE));
            // No trial lost: every run the study made ended once (completed or diverged), a completed one with
            // every epoch of its budget, a trial the kill interrupted resumed under its id from its checkpoint.
            // No trial duplicated: no run ended twice. An attempt killed before its first epoch had no checkpoint
            // to resume from: it stays failed (interrupted) with no epochs, and the run started again as a new
            // trial.
            Map<List<Object>, List<TrialSummary>> runs = store.trials().all().stream().collect(Collectors.groupingBy(
                    t -> List.of(t.study(), t.task(), t.controller(), t.optimizer(), t.seed(), t.epochBudget())));
            for (List<TrialSummary> attempts : runs.values()) {
                List<TrialSummary> ended = attempts.stream().filter(t -> t.status() == TrialStatus.COMPLETED
                        || t.status() == TrialStatus.DIVERGED).toList();
                assertEquals(1, ended.size(), attempts.toString());
                TrialSummary trial = ended.get(0);
                if (trial.status() == TrialStatus.COMPLETED) {
                    assertEquals(trial.epochBudget(), trial.epochsDone(), trial.toString());
                    assertEquals(trial.epochBudget(), store.epochs().of(trial.id()).size(), trial.toString());
                }
                for (TrialSummary other : attempts) {
                    if (other != trial) {
                        assertEquals(List.of(TrialStatus.FAILED, "interrupted", 0), List.of(other.status(),
                                other.error(), store.epochs().of(other.id()).size()), other.toString());
                    }
                }
            }
        }
    }

    /** A few jobs done, and one being trained past its first epoch. */
    private static boolean midStudy(List<JobRecord> jobs) {
        return jobs.stream().filter(job -> job.status() == JobStatus.DONE).count() >= 4
                && jobs.stream().anyMatch(job -> job.status() == JobStatus.CLAIMED);
    }

    private Process daemon(Map<String, String> environment, String name, String main, String... args)
            throws IOException {
        return start(environment, dir.resolve(name + ".log"), List.of(), main, args);
    }

    private static Process start(Map<String, String> environment, Path log, List<String> options, String main,
            String... args) throws IOException {
        List<String> command = PsiProcess.java(main, List.of(args));
        command.addAll(1, options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
