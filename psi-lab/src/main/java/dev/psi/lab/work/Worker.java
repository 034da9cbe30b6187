package dev.psi.lab.work;

import dev.psi.core.spec.SpecException;
import dev.psi.lab.record.TrialRecords;
import dev.psi.store.JobQueue;
import dev.psi.store.JobRecord;
import dev.psi.store.ResultStore;
import dev.psi.store.StoreException;
import dev.psi.train.data.DataException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Takes jobs from a store's queue and runs them, one at a time, on the calling thread, which must be the
 * only one training in the JVM. While a job runs, a daemon thread renews its heartbeat every
 * {@link #HEARTBEAT}, which is how a coordinator on another machine tells a live worker from a dead one.
 *
 * <p>A job that throws ends {@code failed} with a one-line reason; the worker goes on with the next one.
 * A worker that dies leaves its job {@code claimed}, for the coordinator to give back
 * ({@link JobQueue#release}).
 */
public final class Worker implements AutoCloseable {

    /** How often a working worker renews its heartbeat. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(2);

    private final ResultStore store;
    private final Optional<String> study;
    private final Workers.Listener listener;
    private final String name = TrialRecords.host();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "psi-worker-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param store the queue and the place every trial goes
     * @param study the study whose jobs to take, or empty for any study's
     * @param listener told of every job as it ends: its result's line, or why it failed
     */
    public Worker(ResultStore store, Optional<String> study, Workers.Listener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.study = Objects.requireNonNull(study, "study");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** This worker's name in the queue and in its trials' {@code host} column: {@code machine:pid}. */
    public String name() {
        return name;
    }

    /**
     * Claims the next queued job and runs it to its end, done or failed.
     *
     * @return the job as claimed, or empty if none was queued
     */
    public Optional<JobRecord> runNext() {
        Optional<JobRecord> claimed = store.jobs().claim(study, name);
        if (claimed.isEmpty()) {
            return claimed;
        }
        JobRecord record = claimed.get();
        long period = HEARTBEAT.toMillis();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> beat(record.id()), period, period,
                TimeUnit.MILLISECONDS);
        try {
            JobResult result = Jobs.job(record).run(store);
            store.jobs().complete(record.id(), Jobs.result(result));
            listener.onProgress(result.line());
        } catch (RuntimeException e) {
            String reason = reason(e);
            store.jobs().fail(record.id(), name, reason);
            listener.onProgress("job " + record.id() + " (" + record.kind() + ") failed: " + reason);
        } finally {
            heartbeat.cancel(false);
        }
        return claimed;
    }

    /**
     * Runs jobs until none has been queued for {@code linger}.
     *
     * @return how many jobs it ran
     */
    public int serve(Duration linger) {
        int ran = 0;
        long idleSince = System.nanoTime();
        while (true) {
            if (runNext().isPresent()) {
                ran++;
                idleSince = System.nanoTime();
            } else if (Duration.ofNanos(System.nanoTime() - idleSince).compareTo(linger) >= 0) {
                return ran;
            } else {
                QueuedWorkers.sleep(QueuedWorkers.POLL_MILLIS);
            }
        }
    }

    /** Stops the heartbeat thread. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
    }

    private void beat(long jobId) {
        try {
            store.jobs().heartbeat(jobId, name);
        } catch (StoreException e) {
            // A missed beat is harmless unless they all miss, and then the coordinator gives the job back;
            // the scheduled task must not die of it.
        }
    }

    /**
     * One line for the job's error column: the message of bad input, the exception itself otherwise. Only
     * the first line: libtorch appends its C++ backtrace to its messages.
     */
    static String reason(RuntimeException e) {
        String reason = e instanceof SpecException || e instanceof DataException || e instanceof StoreException
                || e instanceof IllegalArgumentException ? String.valueOf(e.getMessage()) : "internal error: " + e;
        return reason.strip().lines().findFirst().orElse(reason);
    }
}
