package dev.psi.core.criteria;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.spec.Echo;
import java.util.Locale;

/** A validation metric a target is set on, with its direction. */
public enum Metric {
    /** Validation accuracy; higher is better. */
    VAL_ACCURACY(true),
    /** Validation loss; lower is better. */
    VAL_LOSS(false);

    private final boolean higherIsBetter;

    Metric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    /** Whether larger values of this metric are better. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** This metric's value in one epoch row. */
    public double of(EpochResult epoch) {
        return this == VAL_ACCURACY ? epoch.valAccuracy() : epoch.valLoss();
    }

    /** This metric's value in one evaluation. */
    public double of(Evaluation evaluation) {
        return this == VAL_ACCURACY ? evaluation.valAccuracy() : evaluation.valLoss();
    }

    /**
     * Whether {@code observed} reaches {@code target}: {@code observed >= target} for accuracy,
     * {@code observed <= target} for loss. Equal counts as reached; NaN never reaches.
     */
    public boolean reaches(double observed, double target) {
        return higherIsBetter ? observed >= target : observed <= target;
    }

    /** Whether {@code a} is strictly better than {@code b}; NaN is never better, everything beats NaN. */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return higherIsBetter ? a > b : a < b;
    }

    /** The stored word: {@code val_accuracy} or {@code val_loss}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The metric named by {@code word} ({@code val_accuracy} or {@code val_loss}, any case). */
    public static Metric ofWord(String word) {
        for (Metric metric : values()) {
            if (metric.word().equalsIgnoreCase(word.trim())) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown metric " + Echo.quote(word) + " (val_accuracy or val_loss)");
    }
}
