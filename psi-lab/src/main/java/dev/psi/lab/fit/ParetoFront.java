package dev.psi.lab.fit;

import dev.psi.core.psi.ParetoPoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The formulas no other candidate beats in both size and error, smallest first, and the one chosen
 * from them.
 *
 * <p>The choice is the knee of the front, where more size stops buying accuracy: the smallest formula
 * whose error is within {@value #RELATIVE_TOLERANCE} (relative) plus {@value #ABSOLUTE_TOLERANCE}
 * (absolute, in ln α) of the best error on the front. It is the spirit of the one-standard-error rule
 * of Breiman et al. (1984, <i>Classification and Regression Trees</i>, §3.4.3): among models whose error
 * is indistinguishable from the best, take the simplest. The relative part reads "indistinguishable"
 * on noisy data, where the best error is the noise level and a larger formula only fits the noise; the
 * absolute part on noise-free data, where errors near zero differ by orders of magnitude that are all
 * irrelevant to a learning rate (0.001 in ln α is 0.1 % of α). PySR's default rule (the largest drop of
 * log-error per unit of size among formulas within 1.5× the best; Cranmer 2023) was not used: it prefers
 * a larger formula whose error is only marginally lower over an equally good smaller one when the
 * smallest acceptable formula is the first of the front.
 *
 * @param points the front, by increasing size and strictly decreasing error
 */
record ParetoFront(List<FittedFormula> points) {

    static final double RELATIVE_TOLERANCE = 0.05;
    static final double ABSOLUTE_TOLERANCE = 0.001;

    ParetoFront {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a Pareto front needs at least one formula");
        }
    }

    /**
     * The non-dominated candidates: sorted by size (ties by error, then by origin for determinism), each
     * kept when its error is below that of every smaller one. Candidates with a non-finite error are
     * never on the front.
     *
     * @throws IllegalArgumentException if no candidate has a finite error
     */
    static ParetoFront of(Collection<FittedFormula> candidates) {
        List<FittedFormula> sorted = new ArrayList<>(candidates);
        sorted.removeIf(candidate -> !Double.isFinite(candidate.error()));
        sorted.sort(Comparator.comparingInt(FittedFormula::size).thenComparingDouble(FittedFormula::error)
                .thenComparing(FittedFormula::origin));
        List<FittedFormula> front = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (FittedFormula candidate : sorted) {
            if (candidate.error() < best) {
                front.add(candidate);
                best = candidate.error();
            }
        }
        if (front.isEmpty()) {
            throw new IllegalArgumentException("no candidate formula gives a finite learning rate on every row");
        }
        return new ParetoFront(front);
    }

    /** The knee: the smallest formula within the tolerances of the best error (see the class comment). */
    FittedFormula knee() {
        double best = points.get(points.size() - 1).error();
        double acceptable = best * (1 + RELATIVE_TOLERANCE) + ABSOLUTE_TOLERANCE;
        for (FittedFormula point : points) {
            if (point.error() <= acceptable) {
                return point;
            }
        }
        throw new IllegalStateException("the most accurate formula is always acceptable");
    }

    /** The front as the model file keeps it. */
    List<ParetoPoint> toPoints() {
        return points.stream().map(point -> new ParetoPoint(point.size(), point.error(), point.formula())).toList();
    }
}
