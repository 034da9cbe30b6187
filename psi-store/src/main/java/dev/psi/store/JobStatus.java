package dev.psi.store;

import java.util.Locale;

/** Where a job of a study's work queue stands ({@link JobQueue}). */
public enum JobStatus {
    /** Waiting for a worker. */
    QUEUED,
    /** Taken by a worker, which keeps its heartbeat fresh while it works. */
    CLAIMED,
    /** Finished; its result is stored. */
    DONE,
    /** Stopped by an error, which is stored; queuing the same work again retries it. */
    FAILED;

    /** The status as the {@code jobs} table stores it, e.g. {@code queued}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static JobStatus ofWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
