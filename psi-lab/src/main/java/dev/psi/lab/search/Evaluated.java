package dev.psi.lab.search;

import java.util.List;
import java.util.Objects;

/**
 * A point and the validation metric of every epoch it was trained, in order.
 *
 * @param point the point
 * @param metrics the metric after each trained epoch; {@code NaN} for an epoch that diverged
 */
public record Evaluated(Point point, List<Double> metrics) {

    public Evaluated {
        Objects.requireNonNull(point, "point");
        metrics = List.copyOf(metrics);
    }

    /** The best finite metric, or −∞ when there is none (nothing trained, or diverged at once). */
    public double best() {
        return metrics.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max()
                .orElse(Double.NEGATIVE_INFINITY);
    }

    /** The metric of the last epoch, −∞ when it diverged or nothing was trained. */
    public double last() {
        double last = metrics.isEmpty() ? Double.NaN : metrics.get(metrics.size() - 1);
        return Double.isFinite(last) ? last : Double.NEGATIVE_INFINITY;
    }
}
