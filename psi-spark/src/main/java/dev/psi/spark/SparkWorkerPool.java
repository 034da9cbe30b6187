package dev.psi.spark;

import dev.psi.lab.work.JobFailedException;
import dev.psi.lab.work.WorkerLaunch;
import dev.psi.lab.work.WorkerPool;
import dev.psi.lab.work.Workers;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A study's workers as Spark tasks. Each {@link #start} submits one Spark job of {@code slots} tasks, each of
 * which runs one {@code psi worker} process ({@link WorkerTask}) until the study's queue stays empty for a few
 * seconds; the study starts another job when it queues more. The Spark context is created on the first start
 * and stopped by {@link #close}.
 *
 * <p>Why a process per task rather than trials on the executor's threads: DJL's PyTorch engine keeps one
 * gradient collector per JVM ({@code PtGradientCollector}'s static flag), so two trials cannot train at once in
 * one JVM, and a worker process is what {@code psi study --workers N} runs already: the same jobs, the same
 * checkpoints, the same death handling. Its cost, a JVM and engine start per task, is paid once per wave of jobs,
 * not per job (README, "Spark").
 *
 * <p>A lost executor takes its tasks' worker processes with it (they stop when their standard input closes);
 * their jobs stay claimed until the study gives them back, and Spark runs the lost tasks again elsewhere, whose
 * workers resume the trials from their checkpoints. A Spark job that fails (its tasks lost more often than
 * {@code spark.task.maxFailures}) is reported and started again; three failures in a row fail the study.
 */
final class SparkWorkerPool implements WorkerPool {

    /** Spark jobs that failed one after another before the study gives up. */
    static final int MAX_FAILED_ROUNDS = 3;
    private static final String GROUP = "psi-workers";

    private final WorkerLaunch launch;
    private final Workers.Listener listener;
    private final ExecutorService submitter = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "psi-spark-submit");
        thread.setDaemon(true);
        return thread;
    });
    private JavaSparkContext context;
    private CompletableFuture<List<Integer>> round;
    private int failedRounds;

    SparkWorkerPool(WorkerLaunch launch, Workers.Listener listener) {
        this.launch = Objects.requireNonNull(launch, "launch");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The Spark configuration: {@code spark.*} system properties (spark-submit's, or {@code -D} ones) and the
     * launch's master. On a cluster the executors get this JVM's class path unless told otherwise
     * ({@code spark.executor.extraClassPath}): Psi is expected at the same path on every machine.
     */
    static SparkConf configuration(WorkerLaunch launch) {
        SparkConf conf = new SparkConf().setAppName("psi study " + launch.study());
        launch.master().ifPresent(conf::setMaster);
        if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("--executor spark needs a Spark master: give --spark-master URL (e.g. "
                    + "local[2] or spark://host:7077), or run under spark-submit --master");
        }
        if (conf.get("spark.master").startsWith("local")) {
            // One machine: the workers' logs go to the study's folder, and no web UI on port 4040 is needed.
            conf.setIfMissing("spark.ui.enabled", "false");
        } else {
            conf.setIfMissing("spark.executor.extraClassPath", launch.classPath());
        }
        return conf;
    }

    @Override
    public void start() {
        if (context == null) {
            context = new JavaSparkContext(configuration(launch));
            listener.onProgress("Spark " + context.version() + " at " + context.master() + ": " + slots()
                    + " worker tasks at once");
        }
        WorkerTask task = new WorkerTask(launch.javaOptions(), launch.arguments(), launch.environment(),
                context.master().startsWith("local") ? launch.logs().toAbsolutePath().toString() : null);
        int slots = slots();
        round = CompletableFuture.supplyAsync(() -> {
            context.setJobGroup(GROUP, "psi workers of study " + launch.study(), true);
            return context.parallelize(IntStream.range(0, slots).boxed().toList(), slots).map(task).collect();
        }, submitter);
    }

    private int slots() {
        return launch.slots() > 0 ? launch.slots() : context.defaultParallelism();
    }

    @Override
    public boolean running() {
        if (round == null) {
            return false;
        }
        if (!round.isDone()) {
            return true;
        }
        try {
            round.get();
            failedRounds = 0;
        } catch (ExecutionException e) {
            failedRounds++;
            String cause = String.valueOf(e.getCause().getMessage()).strip().lines().findFirst().orElse("");
            if (failedRounds >= MAX_FAILED_ROUNDS) {
                throw new JobFailedException("the Spark job of the study's workers failed " + failedRounds
                        + " times in a row, last: " + cause);
            }
            listener.onProgress("the Spark job of the workers failed (" + cause + "); started again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFailedException("interrupted while waiting for the study's jobs");
        }
        round = null;
        return false;
    }

    @Override
    public void close() {
        if (context != null) {
            // Cancelling interrupts the tasks, which close their workers' standard input: none outlives the study.
            context.cancelJobGroup(GROUP);
            context.stop();
            context = null;
        }
        submitter.shutdownNow();
    }
}
