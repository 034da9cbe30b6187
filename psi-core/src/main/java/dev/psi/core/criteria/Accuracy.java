package dev.psi.core.criteria;

import dev.psi.core.result.EpochResult;
import java.util.List;

/**
 * Accuracy within budget: the best and the final value of a validation metric.
 *
 * @param metric the metric
 * @param best the best value over the counted epochs (max for accuracy, min for loss; NaN ignored;
 *     NaN when there is none)
 * @param last the value after the last counted epoch (NaN when there is none)
 */
public record Accuracy(Metric metric, double best, double last) {

    /**
     * The accuracy of {@code trial} in {@code metric}, over its counted epochs
     * ({@link TrialCurve#countedEpochs()}: a diverged trial's final value is its last one before divergence).
     */
    public static Accuracy of(TrialCurve trial, Metric metric) {
        List<EpochResult> epochs = trial.countedEpochs();
        double best = Double.NaN;
        for (EpochResult e : epochs) {
            double value = metric.of(e);
            if (metric.better(value, best)) {
                best = value;
            }
        }
        double last = epochs.isEmpty() ? Double.NaN : metric.of(epochs.get(epochs.size() - 1));
        return new Accuracy(metric, best, last);
    }
}
