package dev.psi.core.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScoreDifferenceTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final List<String> METHODS = List.of("psi", "alt", "other");

    /**
     * Two tasks, three seeds, ∞ among the times (task × method × seed), so that both the task draw and the
     * seed draw move the difference.
     */
    private static final double[][][] SPREAD = {
        {{100, 150, INF}, {120, 120, 400}, {90, 200, 300}},
        {{50, 60, 70}, {40, 80, INF}, {INF, INF, 100}},
    };

    @Test
    void whenEveryReplicateGivesTheSameDifferenceTheIntervalIsThatPoint() {
        // Both tasks alike, every seed alike: other sets t_best = 50, psi has r = 2 and alt r = 4, so every
        // replicate scores psi (4 − 2) / 3 = 2/3 and alt (4 − 4) / 3 = 0.
        double[][] task = {{100, 100}, {200, 200}, {50, 50}};
        ScoreDifference d = ScoreDifference.of(METHODS, new double[][][] {task, task}, "psi", "alt", 2000, 7);

        assertEquals(2.0 / 3, d.score());
        assertEquals(0.0, d.alternativeScore());
        assertEquals(2.0 / 3, d.difference());
        assertEquals(new ConfidenceInterval(2.0 / 3, 2.0 / 3), d.interval());
    }

    @Test
    void aHandComputedSpreadGivesItsExtremeDifferences() {
        // One task, two seeds: psi (100, 300), alt (200, 200). The four equally likely seed draws give psi's
        // median 100 (d = 1 − 2/3 = 1/3), 200 twice (d = 0) or 300 (psi r = 1.5: d = 5/6 − 1 = −1/6); each
        // extreme has probability 1/4, far above 2.5 %, so the interval is [−1/6, 1/3]. On the full data both
        // medians are 200: d = 0.
        double[][][] times = {{{100, 300}, {200, 200}}};
        ScoreDifference d = ScoreDifference.of(List.of("psi", "alt"), times, "psi", "alt", 2000, 1);

        assertEquals(0.0, d.difference());
        assertEquals(-1.0 / 6, d.interval().lower(), 1e-15);
        assertEquals(1.0 / 3, d.interval().upper(), 1e-15);
    }

    @Test
    void theIntervalMatchesTheExactBootstrapDistributionByEnumeration() {
        Map<Double, Double> exact = enumerate(SPREAD);
        double lower = quantile(exact, 0.025);
        double upper = quantile(exact, 0.975);
        // The quantiles are atoms well inside the Monte Carlo noise of 2000 replicates (about ±0.35 %).
        assertTrue(cdfBelow(exact, lower) < 0.02 && cdfAt(exact, lower) > 0.03, exact.toString());
        assertTrue(cdfBelow(exact, upper) < 0.97 && cdfAt(exact, upper) > 0.98, exact.toString());

        ScoreDifference d = ScoreDifference.of(METHODS, SPREAD, "psi", "alt", 2000, 11);

        assertEquals(lower, d.interval().lower(), 1e-12);
        assertEquals(upper, d.interval().upper(), 1e-12);
    }

    @Test
    void theFullDataScoresAreThoseOfTheProfilesOfTheMedians() {
        ScoreDifference d = ScoreDifference.of(METHODS, SPREAD, "psi", "alt", 10, 0);
        // Medians: task 0 psi 150, alt 120, other 200 (best 120); task 1 psi 60, alt 80, other ∞ (best 60).
        PerformanceProfiles profiles = PerformanceProfiles.of(METHODS, new double[][] {{150, 120, 200}, {60, 80, INF}});

        assertEquals(profiles.area("psi"), d.score());
        assertEquals(profiles.area("alt"), d.alternativeScore());
    }

    @Test
    void aMethodEqualToPsiOnEverySeedDiffersByExactlyZero() {
        double[][][] twin = new double[SPREAD.length][][];
        for (int p = 0; p < SPREAD.length; p++) {
            twin[p] = new double[][] {SPREAD[p][0], SPREAD[p][0].clone(), SPREAD[p][2]};
        }
        ScoreDifference d = ScoreDifference.of(METHODS, twin, "psi", "alt", 2000, 3);

        assertEquals(0.0, d.difference());
        assertEquals(new ConfidenceInterval(0, 0), d.interval());
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        assertEquals(ScoreDifference.of(METHODS, SPREAD, "psi", "alt", 500, 42),
                ScoreDifference.of(METHODS, SPREAD, "psi", "alt", 500, 42));
    }

    @Test
    void unpairedSeedsNoTasksAndNoResamplesAreErrors() {
        double[][][] unpaired = {{{1, 2, 3}, {1, 2}, {1, 2, 3}}};
        assertThrows(IllegalArgumentException.class, () -> ScoreDifference.of(METHODS, unpaired, "psi", "alt", 10, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ScoreDifference.of(METHODS, new double[0][][], "psi", "alt", 10, 0));
        assertThrows(IllegalArgumentException.class, () -> ScoreDifference.of(METHODS, SPREAD, "psi", "alt", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ScoreDifference.of(METHODS, SPREAD, "psi", "x", 10, 0));
    }

    /**
     * The exact bootstrap distribution of d by brute force: every ordered draw of tasks and, within each
     * drawn task, of seeds, all equally likely; scores by the AlgoPerf area written out here.
     */
    private static Map<Double, Double> enumerate(double[][][] times) {
        int tasks = times.length;
        int seeds = times[0][0].length;
        int seedDraws = (int) Math.pow(seeds, seeds);
        int outcomes = (int) Math.pow(tasks, tasks) * (int) Math.pow(seedDraws, tasks);
        Map<Double, Double> distribution = new TreeMap<>();
        for (int o = 0; o < outcomes; o++) {
            int code = o;
            double psi = 0;
            double alt = 0;
            for (int k = 0; k < tasks; k++) {
                int task = code % tasks;
                code /= tasks;
                int draw = code % seedDraws;
                code /= seedDraws;
                double[] median = new double[3];
                for (int m = 0; m < 3; m++) {
                    double[] sample = new double[seeds];
                    int c = draw;
                    for (int j = 0; j < seeds; j++) {
                        sample[j] = times[task][m][c % seeds];
                        c /= seeds;
                    }
                    Arrays.sort(sample);
                    median[m] = sample[seeds / 2];
                }
                double best = Math.min(median[0], Math.min(median[1], median[2]));
                psi += Math.max(0, 4 - median[0] / best) / 3;
                alt += Math.max(0, 4 - median[1] / best) / 3;
            }
            // Rounded, so that one value summed in different orders is one atom.
            distribution.merge(Math.round((psi - alt) / tasks * 1e12) / 1e12, 1.0 / outcomes, Double::sum);
        }
        return distribution;
    }

    private static double quantile(Map<Double, Double> distribution, double q) {
        double cumulative = 0;
        for (Map.Entry<Double, Double> atom : distribution.entrySet()) {
            cumulative += atom.getValue();
            if (cumulative >= q) {
                return atom.getKey();
            }
        }
        throw new AssertionError("no quantile " + q);
    }

    private static double cdfAt(Map<Double, Double> distribution, double x) {
        return distribution.entrySet().stream().filter(e -> e.getKey() <= x).mapToDouble(Map.Entry::getValue).sum();
    }

    private static double cdfBelow(Map<Double, Double> distribution, double x) {
        return distribution.entrySet().stream().filter(e -> e.getKey() < x).mapToDouble(Map.Entry::getValue).sum();
    }
}
