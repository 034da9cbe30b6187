package dev.psi.train.task;

import dev.psi.core.spec.SpecException;
import java.util.Locale;

/**
 * The validation metric value a run must reach for its convergence time to count (AlgoPerf-style
 * time-to-target). A task without one has its target calibrated from a tuned baseline.
 *
 * @param metric which validation metric is compared
 * @param value the value to reach: at least this accuracy, or at most this loss
 */
public record Target(Metric metric, double value) {

    /** A validation metric that a target can be set on. */
    public enum Metric {
        /** Fraction of validation examples classified correctly; higher is better. */
        VAL_ACCURACY,
        /** Mean validation loss; lower is better. */
        VAL_LOSS;

        /** The word used in task specs and the store: {@code val_accuracy} or {@code val_loss}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses a spec word.
         *
         * @throws SpecException naming the word and the valid ones
         */
        public static Metric parse(String word) {
            for (Metric metric : values()) {
                if (metric.word().equals(word)) {
                    return metric;
                }
            }
            throw new SpecException("target metric '" + word + "' is not valid; valid: val_accuracy, val_loss");
        }
    }

    public Target {
        java.util.Objects.requireNonNull(metric, "metric");
        if (metric == Metric.VAL_ACCURACY && !(value > 0 && value <= 1)) {
            throw new SpecException("target value " + value + " is out of range; val_accuracy must be in (0, 1]");
        }
        if (metric == Metric.VAL_LOSS && !(value > 0 && Double.isFinite(value))) {
            throw new SpecException("target value " + value + " is out of range; val_loss must be > 0");
        }
    }

    /** Whether {@code observed}, a value of {@link #metric}, reaches the target. NaN never does. */
    public boolean reachedBy(double observed) {
        return metric == Metric.VAL_ACCURACY ? observed >= value : observed <= value;
    }

    /** Spec form, e.g. {@code val_accuracy >= 0.85}. */
    @Override
    public String toString() {
        return metric.word() + (metric == Metric.VAL_ACCURACY ? " >= " : " <= ") + value;
    }
}
