package dev.psi.lab.search;

import dev.psi.core.criteria.TrialCurve;
import java.util.List;
import java.util.Objects;

/**
 * A point, the validation metric of every epoch it was trained, and the curve of its run on each seed.
 *
 * @param point the point
 * @param metrics the metric after each trained epoch, the mean over the seeds it ran on; {@code NaN} for an
 *     epoch in which a seed diverged
 * @param curves the run of each seed as far as it trained (its epochs and evaluations; after a PBT exploit,
 *     those of the state it copied, then its own), in seed order; what {@link Selection#timeToTarget} reads.
 *     Empty for a trial known only by its metrics.
 */
public record Evaluated(Point point, List<Double> metrics, List<TrialCurve> curves) {

    public Evaluated {
        Objects.requireNonNull(point, "point");
        metrics = List.copyOf(metrics);
        curves = List.copyOf(curves);
    }

    /** A trial known only by its metrics. */
    public Evaluated(Point point, List<Double> metrics) {
        this(point, metrics, List.of());
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
