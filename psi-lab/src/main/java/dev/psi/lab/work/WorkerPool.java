package dev.psi.lab.work;

/**
 * Workers started by a {@link WorkerExecutor}, as {@link Workers#external} drives them: started when jobs are
 * queued and none of its workers is running, each taking jobs from the queue until none is left and then
 * ending. A study queues its jobs in waves (the searches after the targets, Ψ's runs after the fit), so a pool
 * is started again for every wave that finds it stopped.
 *
 * <p>A worker that dies leaves its job claimed; the study gives it back as it does any worker's
 * ({@link Workers}): at once when the process was on this machine, after {@link QueuedWorkers#SILENCE}
 * without a heartbeat otherwise.
 */
public interface WorkerPool extends AutoCloseable {

    /** Starts workers; returns at once, while they run. Called only when {@link #running()} is false. */
    void start();

    /**
     * Whether workers this started are still running.
     *
     * @throws JobFailedException if the pool cannot run workers at all (it failed several times in a row)
     */
    boolean running();

    /** Stops the workers this started, if any still run. */
    @Override
    void close();
}
