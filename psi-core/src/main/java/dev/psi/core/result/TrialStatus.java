package dev.psi.core.result;

/** The state of a trial as stored. */
public enum TrialStatus {
    /** Started and not yet ended (or its process was killed). */
    RUNNING,
    /** Trained its whole epoch budget. */
    COMPLETED,
    /** The loss became NaN or infinite; a recorded outcome, not an error. */
    DIVERGED,
    /** Stopped by an error, which is recorded with the trial. */
    FAILED,
    /**
     * Stopped on purpose before its budget by a search that judged it worse than others (successive halving,
     * Hyperband); not an error. Its epoch rows show how far it trained, and it is never an evaluation run.
     */
    PRUNED;

    /** The status as the store writes it: the constant's name in lower case. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
