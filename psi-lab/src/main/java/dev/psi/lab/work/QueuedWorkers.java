package dev.psi.lab.work;

import dev.psi.lab.record.TrialRecords;
import dev.psi.store.JobRecord;
import dev.psi.store.JobState;
import dev.psi.store.JobStatus;
import dev.psi.store.ResultStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What both kinds of {@link Workers} share: queuing, waiting by polling the queue, reporting finished jobs
 * and giving back the jobs of dead workers. Subclasses say what one step of waiting does.
 */
abstract class QueuedWorkers implements Workers {

    /** A worker on another machine whose heartbeat is older than this is taken for dead. */
    static final Duration SILENCE = Duration.ofSeconds(60);
    /** A job whose worker died this many times while running it fails instead of being queued again. */
    static final int MAX_ATTEMPTS = 3;
    /** How long a wait step sleeps when there is nothing to do here. */
    static final long POLL_MILLIS = 200;
    /** The longest sleep between two polls, however long the last one took. */
    static final long MAX_PAUSE_MILLIS = 5_000;

    final ResultStore store;
    final Listener listener;
    private final Set<String> submitted = new HashSet<>();
    private final Set<Long> reported = new HashSet<>();
    /**
     * The results of the done jobs read so far, by job id: a poll reads where every job stands, and the whole rows
     * of only the newly done ones (a done job stays done).
     */
    private final Map<Long, JobResult> finished = new HashMap<>();
    /** How long the last read of the jobs' states took, which sets how long the next wait sleeps ({@link #pause}). */
    private long pollNanos;
    private final long start = System.nanoTime();
    /** Jobs that finished while this ran, the rate its time left is estimated from. */
    private int finishedHere;

    QueuedWorkers(ResultStore store, Listener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void submit(String study, List<? extends Job> jobs, int priority) {
        for (Job job : jobs) {
            JobRecord queued = store.jobs().enqueue(study, Jobs.toNew(job, priority));
            submitted.add(queued.key());
            if (queued.status() == JobStatus.DONE && reported.add(queued.id())) {
                listener.onProgress(Jobs.result(queued).line() + " (done before)");
            }
        }
        afterSubmit();
    }

    /**
     * The study's overall progress, appended to each finished job's line: jobs done of those queued so far, the
     * time since this started, and the time left for the jobs queued so far at the rate they finished here. A
     * study queues some jobs only when others are done (the searches after the targets, Ψ's runs after the fit),
     * so the count of queued jobs grows and the estimate is a lower bound until the last of them is queued.
     */
    private String overall() {
        double elapsed = (System.nanoTime() - start) / 1e9;
        double left = (submitted.size() - reported.size()) * elapsed / finishedHere;
        return String.format(Locale.ROOT, "  [%d/%d jobs queued so far, %s elapsed, ≥ %s left]", reported.size(),
                submitted.size(), clock(elapsed), clock(left));
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public List<JobResult> await(String study, List<? extends Job> jobs) {
        List<String> keys = jobs.stream().map(Jobs::key).toList();
        while (true) {
            long pollStart = System.nanoTime();
            List<JobState> states = store.jobs().states(study);
            pollNanos = System.nanoTime() - pollStart;
            Map<String, JobState> byKey = states.stream().collect(Collectors.toMap(JobState::key, Function.identity()));
            readNewlyDone(study, states, keys);
            boolean done = true;
            for (String key : keys) {
                JobState state = byKey.get(key);
                if (state == null) {
                    throw new IllegalStateException("awaiting a job that was never submitted to study " + study);
                }
                if (state.status() == JobStatus.FAILED) {
                    JobRecord row = store.jobs().jobs(study, List.of(state.id())).get(0);
                    throw new JobFailedException("job '" + Jobs.job(row).label() + "' failed: " + row.error());
                }
                done &= state.status() == JobStatus.DONE;
            }
            if (done) {
                return keys.stream().map(key -> finished.get(byKey.get(key).id())).toList();
            }
            releaseDead(study, states);
            step(study);
        }
    }

    /**
     * Reads the results of the jobs this run submitted or awaits that are done since the last poll, and reports
     * those it submitted. Rows this run has not submitted yet are not news: they are reported as done before when
     * it does. Other done rows (an earlier plan's) are not read at all.
     */
    private void readNewlyDone(String study, List<JobState> states, List<String> awaited) {
        Set<String> wanted = new HashSet<>(awaited);
        wanted.addAll(submitted);
        List<Long> ids = states.stream().filter(state -> state.status() == JobStatus.DONE
                && wanted.contains(state.key()) && !finished.containsKey(state.id())).map(JobState::id).toList();
        for (JobRecord row : store.jobs().jobs(study, ids)) {
            JobResult result = Jobs.result(row);
            finished.put(row.id(), result);
            if (submitted.contains(row.key()) && reported.add(row.id())) {
                finishedHere++;
                listener.onProgress(result.line() + overall());
            }
        }
    }

    /** Called after every submit; a pool starts its workers here. */
    void afterSubmit() {
    }

    /** Whether {@code worker} is one this started: its death is handled by {@link #step}, not by the poll. */
    boolean owns(String worker) {
        return false;
    }

    /** One step of waiting: run a job, or watch the workers and sleep. */
    abstract void step(String study);

    /** Gives back the jobs of {@code worker}, which stopped, and says so. */
    void release(String worker, String why) {
        for (JobRecord job : store.jobs().release(worker, MAX_ATTEMPTS)) {
            listener.onProgress("worker " + worker + " " + why + "; job '" + Jobs.job(job).label()
                    + "' queued again");
        }
    }

    /**
     * Sleeps between two polls of the queue: {@link #POLL_MILLIS}, or nine times as long as the last poll's read
     * of the jobs' states took if that is longer (up to {@link #MAX_PAUSE_MILLIS}), so that polling takes about a
     * tenth of the coordinator's time at most, up to studies of some 100 000 jobs (that read costs about 30 ms at
     * 8740 jobs).
     */
    void pause() {
        sleep(pauseMillis(pollNanos));
    }

    /** Sleeps {@code millis}; an interrupt ends the wait for the study's jobs. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFailedException("interrupted while waiting for the study's jobs");
        }
    }

    /**
     * The sleep after a poll that took {@code pollNanos}, at most {@link #MAX_PAUSE_MILLIS}: the wait also restarts
     * dead workers, so one slow read (a database busy with a writer) must not stall it for long.
     */
    static long pauseMillis(long pollNanos) {
        return Math.min(MAX_PAUSE_MILLIS, Math.max(POLL_MILLIS, 9 * pollNanos / 1_000_000));
    }

    /**
     * Gives back jobs held by a process of this machine that no longer exists and that this did not start
     * (an earlier run of the study, stopped with its workers, or a local {@code psi worker}): without counting
     * an attempt, since a stopped study is no fault of the job. Then gives back, counted, the jobs of any
     * worker silent for {@link #SILENCE}: on another machine that is the only sign of death.
     */
    private void releaseDead(String study, List<JobState> rows) {
        Set<String> gone = new LinkedHashSet<>();
        for (JobState row : rows) {
            String worker = row.worker();
            if (row.status() == JobStatus.CLAIMED && !owns(worker) && TrialRecords.isGoneFromThisMachine(worker)) {
                gone.add(worker);
            }
        }
        for (String worker : gone) {
            for (JobRecord job : store.jobs().requeue(worker)) {
                listener.onProgress("worker " + worker + " is gone; job '" + Jobs.job(job).label() + "' queued again");
            }
        }
        for (String worker : store.jobs().silentWorkers(study, SILENCE)) {
            if (!gone.contains(worker) && !owns(worker)) {
                release(worker, "was silent for " + SILENCE.toSeconds() + " s");
            }
        }
    }
}
