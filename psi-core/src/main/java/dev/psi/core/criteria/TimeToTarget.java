package dev.psi.core.criteria;

import dev.psi.core.result.EpochResult;
import java.util.List;

/**
 * Convergence time: how long a trial trained until its validation metric first reached the target.
 * A trial that never reached it has every component {@link Double#POSITIVE_INFINITY} (see
 * {@link #NEVER}); {@link #reached()} tells which.
 *
 * @param steps optimizer steps up to the end of the first epoch that reached the target
 * @param epochs number of epochs trained when first reached (1-based: reached after epoch 0 gives 1)
 * @param seconds wall seconds summed over the epoch rows up to and including that epoch
 */
public record TimeToTarget(double steps, double epochs, double seconds) {

    /** The time of a trial that never reached its target: ∞ in every component. */
    public static final TimeToTarget NEVER =
            new TimeToTarget(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** Whether the target was reached (the components are finite). */
    public boolean reached() {
        return Double.isFinite(steps);
    }

    /**
     * The time to {@code target} of {@code trial}: the first counted row (see
     * {@link TrialCurve#countedEpochs()}; a diverged trial never reaches at or after its divergence)
     * whose metric reaches the target, in rows' order; {@link #NEVER} if none does. The epoch count is
     * that row's {@code epoch + 1}; seconds are summed over the rows up to and including it.
     */
    public static TimeToTarget of(TrialCurve trial, Target target) {
        List<EpochResult> epochs = trial.countedEpochs();
        double seconds = 0;
        for (EpochResult e : epochs) {
            seconds += e.wallSeconds();
            if (target.reachedBy(target.metric().of(e))) {
                return new TimeToTarget(e.steps(), e.epoch() + 1, seconds);
            }
        }
        return NEVER;
    }
}
