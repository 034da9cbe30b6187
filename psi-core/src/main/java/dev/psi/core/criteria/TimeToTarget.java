package dev.psi.core.criteria;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import java.util.List;

/**
 * Convergence time: how long a trial trained until its validation metric first reached the target.
 * A trial that never reached it has every component {@link Double#POSITIVE_INFINITY} (see
 * {@link #NEVER}); {@link #reached()} tells which.
 *
 * @param steps optimizer steps of the trial when the target was first reached
 * @param epochs epochs trained when first reached, fractional (reached at the end of epoch 0 gives 1, a
 *     quarter into epoch 2 gives 2.25)
 * @param seconds wall seconds the trial spent training until then; evaluation time is left out, except for
 *     a trial without evaluation rows (see {@link #of})
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
     * The time to {@code target} of {@code trial}: that of its first counted evaluation (see
     * {@link TrialCurve#countedEvaluations()}; a diverged trial never reaches in or after the epoch it diverged
     * in) whose metric reaches the target, in step order, whether it measured the fixed subset between epochs
     * or the whole split at an epoch's end; {@link #NEVER} if none does. Its seconds are the training seconds of
     * the epochs before it plus those of its own epoch until it was taken.
     *
     * <p>A trial stored without evaluations is read from its counted epoch rows instead, as before Psi recorded
     * evaluations: the first row that reaches gives its steps and {@code epoch + 1}, and the seconds are summed
     * over the rows up to and including it, validation included.
     */
    public static TimeToTarget of(TrialCurve trial, Target target) {
        List<Evaluation> evaluations = trial.countedEvaluations();
        return evaluations.isEmpty() ? ofEpochs(trial.countedEpochs(), target) : ofEvaluations(evaluations, target);
    }

    private static TimeToTarget ofEvaluations(List<Evaluation> evaluations, Target target) {
        double earlierEpochs = 0;
        Evaluation previous = null;
        for (Evaluation e : evaluations) {
            // Each epoch's last evaluation is its whole-split pass, taken when the epoch's training was done.
            if (previous != null && previous.epoch() != e.epoch()) {
                earlierEpochs += previous.trainSeconds();
            }
            if (target.reachedBy(target.metric().of(e))) {
                return new TimeToTarget(e.step(), e.epochs(), earlierEpochs + e.trainSeconds());
            }
            previous = e;
        }
        return NEVER;
    }

    private static TimeToTarget ofEpochs(List<EpochResult> epochs, Target target) {
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
