package dev.psi.core.criteria;

import static dev.psi.core.criteria.Curves.accuracies;
import static dev.psi.core.criteria.Curves.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.core.result.TrialStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fraction of seeds reaching the target, with Wilson score intervals. */
class ReliabilityTest {

    private static final double Z = 1.959964;
    private static final double EXACT = 1e-15;

    /** The Wilson score bound, written out from the formula: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n). */
    private static double wilson(int k, int n, int sign) {
        double p = (double) k / n;
        return (p + Z * Z / (2.0 * n) + sign * Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n)))
                / (1 + Z * Z / n);
    }

    @Test
    void zIsTheTwoSided95PercentQuantile() {
        assertEquals(Z, Reliability.Z);
    }

    @Test
    void threeOfFive() {
        Reliability r = Reliability.of(3, 5);

        assertEquals(0.6, r.fraction());
        assertEquals(wilson(3, 5, -1), r.interval().lower(), EXACT);
        assertEquals(wilson(3, 5, +1), r.interval().upper(), EXACT);
        assertEquals(0.2307, r.interval().lower(), 1e-4);
        assertEquals(0.8824, r.interval().upper(), 1e-4);
    }

    @Test
    void noneOfThreeStartsAtZero() {
        Reliability r = Reliability.of(0, 3);

        assertEquals(0.0, r.fraction());
        assertEquals(0.0, r.interval().lower());
        // With p = 0 the upper bound simplifies to (z²/n) / (1 + z²/n).
        assertEquals((Z * Z / 3) / (1 + Z * Z / 3), r.interval().upper(), EXACT);
        assertEquals(wilson(0, 3, +1), r.interval().upper(), EXACT);
    }

    @Test
    void fiveOfFiveEndsAtOne() {
        Reliability r = Reliability.of(5, 5);

        assertEquals(1.0, r.fraction());
        assertEquals(1.0, r.interval().upper());
        // With p = 1 the lower bound simplifies to n / (n + z²).
        assertEquals(5 / (5 + Z * Z), r.interval().lower(), EXACT);
        assertEquals(wilson(5, 5, -1), r.interval().lower(), EXACT);
    }

    @Test
    void noTrialsSayNothing() {
        Reliability r = Reliability.of(0, 0);

        assertEquals(Double.NaN, r.fraction());
        assertEquals(new ConfidenceInterval(0, 1), r.interval());
    }

    @Test
    void countsSeedsThatReachTheTarget() {
        Target target = new Target(Metric.VAL_ACCURACY, 0.8);
        List<TrialCurve> seeds = List.of(
                accuracies(0.5, 0.85), accuracies(0.5, 0.7), accuracies(0.9), accuracies(0.6, 0.79), accuracies(0.8));

        assertEquals(Reliability.of(3, 5), Reliability.of(seeds, target));
    }

    @Test
    void aDivergedSeedIsAFailureEvenIfItReachedFirst() {
        Target target = new Target(Metric.VAL_ACCURACY, 0.8);
        List<TrialCurve> seeds = List.of(
                accuracies(0.9), trial(TrialStatus.DIVERGED, 0.85, Double.NaN), trial(TrialStatus.DIVERGED, Double.NaN));

        assertEquals(Reliability.of(1, 3), Reliability.of(seeds, target));
    }
}
