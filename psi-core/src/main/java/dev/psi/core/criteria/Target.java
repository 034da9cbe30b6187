package dev.psi.core.criteria;

import java.util.Objects;

/**
 * A task's target: the validation metric and the value it must first reach (AlgoPerf-style time to target). A
 * task spec may set one ({@code target: {metric: val_accuracy, value: 0.95}}); otherwise a study calibrates it
 * from a constant-rate grid.
 *
 * @param metric the validation metric
 * @param value the value to reach (reached when equal, see {@link Metric#reaches})
 */
public record Target(Metric metric, double value) {

    public Target {
        Objects.requireNonNull(metric, "metric");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("target value must be finite: " + value);
        }
    }

    /** Whether {@code observed} reaches this target. */
    public boolean reachedBy(double observed) {
        return metric.reaches(observed, value);
    }

    /** The condition in words, as task listings and trial configs show it, e.g. {@code val_accuracy >= 0.85}. */
    @Override
    public String toString() {
        return metric.word() + (metric.higherIsBetter() ? " >= " : " <= ") + value;
    }
}
