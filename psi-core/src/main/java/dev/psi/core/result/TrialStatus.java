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
    FAILED;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
