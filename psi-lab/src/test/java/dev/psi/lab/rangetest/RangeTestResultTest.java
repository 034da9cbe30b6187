package dev.psi.lab.rangetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The smoothing, the cut at divergence and the suggested rate, on hand-made loss curves. */
class RangeTestResultTest {

    /** Rates 10^(k/10), k = 0, 1, ...: a decade every ten steps. */
    private static List<Double> rates(int steps) {
        List<Double> rates = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            rates.add(Math.pow(10, k / 10.0));
        }
        return rates;
    }

    @Test
    void aConstantLossStaysConstantOnceBiasCorrected() {
        RangeTestResult result = RangeTestResult.of(rates(3), List.of(2.0, 2.0, 2.0));
        assertEquals(List.of(2.0, 2.0, 2.0), result.smoothed().stream().map(v -> Math.round(v * 1e12) / 1e12).toList());
        assertTrue(Double.isNaN(result.suggested()), "a loss that never falls suggests nothing");
    }

    @Test
    void theCurveEndsWhereTheSmoothedLossExceedsFourTimesItsMinimumOrIsNotFinite() {
        List<Double> losses = new ArrayList<>(List.of(1.0, 1.0, 1.0, 1.0, 1.0));
        losses.add(Double.NaN);
        losses.add(1.0);
        assertEquals(5, RangeTestResult.of(rates(7), losses).rates().size());
        List<Double> exploding = new ArrayList<>(List.of(1.0, 1.0, 1.0, 1.0, 1e4, 1.0));
        // The fifth smoothed loss, (0.98^4·… + 0.02·1e4)/(1 − 0.98^5), is about 2000: cut.
        assertEquals(4, RangeTestResult.of(rates(6), exploding).rates().size());
    }

    @Test
    void aLossThatFallsLessThanATenthPastTheStartSuggestsNothing() {
        // Noise in the first steps, then flat until it diverges: the steepest difference is the noise's.
        List<Double> losses = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            losses.add(k < 12 ? (k % 2 == 0 ? 2.2 : 1.8) : k < 50 ? 1.95 : 1.95 + 0.5 * (k - 49));
        }
        RangeTestResult result = RangeTestResult.of(rates(60), losses);

        assertTrue(Double.isNaN(result.suggested()), result.toString());
        assertTrue(result.minimumRate() >= Math.pow(10, 0.6), "the minimum is searched past the first tenth");
    }

    @Test
    void theSuggestionIsWhereTheLossFallsFastestBeforeItsMinimum() {
        // Flat at 2 for 30 steps, down by 0.05 a step for 20 steps, then up by 0.05 a step.
        List<Double> losses = new ArrayList<>();
        for (int k = 0; k < 70; k++) {
            losses.add(k < 30 ? 2.0 : k < 50 ? 2.0 - 0.05 * (k - 29) : 1.0 + 0.05 * (k - 49));
        }
        RangeTestResult result = RangeTestResult.of(rates(70), losses);
        assertTrue(result.suggested() > Math.pow(10, 3.0) && result.suggested() <= result.minimumRate(),
                result.toString());
        // The smoothed minimum lags the raw one (step 49) by the average's memory.
        assertTrue(result.minimumRate() >= Math.pow(10, 4.9), result.toString());
    }
}
