package dev.psi.core.criteria;

import dev.psi.core.result.EpochResult;
import java.util.Collection;

/**
 * What a method paid to be tuned: trials run, epochs trained and wall seconds; costs add up.
 *
 * @param trials trials run
 * @param epochs epoch rows trained, over all trials
 * @param seconds wall seconds, over all epoch rows
 */
public record TuningCost(long trials, long epochs, double seconds) {

    /** No cost: a method that needs no tuning. */
    public static final TuningCost ZERO = new TuningCost(0, 0, 0);

    public TuningCost {
        if (trials < 0 || epochs < 0 || !(seconds >= 0)) {
            throw new IllegalArgumentException("negative cost: " + trials + ", " + epochs + ", " + seconds);
        }
    }

    /** The component-wise sum of this cost and {@code other}. */
    public TuningCost plus(TuningCost other) {
        return new TuningCost(trials + other.trials, epochs + other.epochs, seconds + other.seconds);
    }

    /** The cost of one trial: 1 trial, all its epoch rows (diverged ones included), their wall seconds. */
    public static TuningCost of(TrialCurve trial) {
        double seconds = 0;
        for (EpochResult e : trial.epochs()) {
            seconds += e.wallSeconds();
        }
        return new TuningCost(1, trial.epochs().size(), seconds);
    }

    /** The sum of {@code costs}; {@link #ZERO} when empty. */
    public static TuningCost sum(Collection<TuningCost> costs) {
        TuningCost total = ZERO;
        for (TuningCost cost : costs) {
            total = total.plus(cost);
        }
        return total;
    }
}
