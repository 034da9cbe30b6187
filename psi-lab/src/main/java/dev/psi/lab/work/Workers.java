package dev.psi.lab.work;

import dev.psi.store.ResultStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a study's jobs through the store's queue ({@link dev.psi.store.JobQueue}) and waits for them.
 *
 * <p>Lifecycle: {@link #submit} queues jobs (those the store holds done stay done, so a rerun resumes);
 * {@link #await} blocks until the given jobs are done and returns their results, reporting every job that
 * finishes meanwhile to the listener; {@link #close} stops whatever it started. While waiting it gives back
 * the jobs of workers that died ({@link dev.psi.store.JobQueue#release}): a local process that no longer
 * exists at once, any other worker after {@link QueuedWorkers#SILENCE} without a heartbeat.
 */
public interface Workers extends AutoCloseable {

    /** Told of the study's progress, one line at a time. */
    @FunctionalInterface
    interface Listener {

        /** A listener that ignores everything. */
        Listener NONE = line -> {
        };

        /** A line such as {@code evaluate fmnist-mlp constant seed 2: completed, 1.2 s}. */
        void onProgress(String line);
    }

    /**
     * Jobs run on the thread that waits for them, in this process: nothing to start, one job at a time.
     * Workers started elsewhere ({@code psi worker}) may take jobs of the same study meanwhile.
     */
    static Workers inProcess(ResultStore store, Listener listener) {
        return new InProcessWorkers(store, listener);
    }

    /**
     * Jobs run by {@code count} worker processes started with {@code command} once something is submitted,
     * each taking jobs from the queue until its standard input closes; each writes its output to
     * {@code logs/worker-K.log}. A worker that dies is started again, 2 × {@code count} restarts in all, and
     * its job queued again (counted as an attempt). Closing stops the workers and gives their jobs back
     * without counting them.
     *
     * @param command the worker's command line, e.g. {@code java -cp ... dev.psi.app.Psi worker --study S
     *     --attached}
     * @param environment added to the workers' environment, e.g. the database URL, which does not belong on
     *     a command line that {@code ps} shows
     */
    static Workers processes(ResultStore store, int count, List<String> command, Map<String, String> environment,
            Path logs, Listener listener) {
        return new ProcessWorkers(store, count, command, environment, logs, listener);
    }

    /**
     * Jobs run by the workers of {@code pool} (a {@link WorkerExecutor}'s, e.g. Spark tasks), started when jobs
     * are queued and none of them runs. A worker that dies is not restarted by this: its job is queued again (at
     * once when it ran on this machine, after {@link QueuedWorkers#SILENCE} without a heartbeat otherwise) and
     * the pool's other or next workers take it. Closing closes the pool.
     */
    static Workers external(ResultStore store, WorkerPool pool, Listener listener) {
        return new ExternalWorkers(store, pool, listener);
    }

    /**
     * Queues {@code jobs} in {@code study} at {@code priority} (lower runs first). Jobs the store holds
     * done are reported as done before and not run again; failed ones are queued again.
     */
    void submit(String study, List<? extends Job> jobs, int priority);

    /**
     * Waits until every one of {@code jobs} (submitted before) is done.
     *
     * @return their results, in the order of {@code jobs}
     * @throws JobFailedException if one failed, naming it and its error
     */
    List<JobResult> await(String study, List<? extends Job> jobs);

    /** Stops the workers this started; jobs they hold stay claimed, for a later run to give back. */
    @Override
    void close();
}
