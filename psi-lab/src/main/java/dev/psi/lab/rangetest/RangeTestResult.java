package dev.psi.lab.rangetest;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link RangeTest} measured and the rate it suggests.
 *
 * <p>The batch losses are smoothed as fastai smooths them, an exponential moving average with β = 0.98 and its
 * bias corrected (avg_k / (1 − β^(k+1))), and the curve is cut where the smoothed loss first exceeds 4 × its
 * minimum so far, or is not finite: beyond, the rate only diverges. The first tenth of the steps is skipped, as
 * fastai's plot skips its start: the average there holds few batches and their noise. The suggestion is the rate
 * where the smoothed loss falls fastest against ln α (the most negative finite difference, fastai's
 * {@code steep}), searched before the curve's minimum, over a window of a twentieth of the steps (the geometric
 * middle of the window); there is none unless the minimum lies at least {@value #MIN_FALL} of the loss below
 * where the search starts, for without a real fall the steepest difference is the average's noise.
 * {@link #minimumRate} is the rate of the minimum itself past the first tenth, whose tenth is the older rule of
 * thumb.
 *
 * @param rates the rate of every kept step
 * @param smoothed the smoothed loss of every kept step
 * @param suggested the suggested rate, NaN when the curve never falls
 * @param minimumRate the rate of the lowest smoothed loss
 */
public record RangeTestResult(List<Double> rates, List<Double> smoothed, double suggested, double minimumRate) {

    /** fastai's smoothing of the batch losses. */
    static final double BETA = 0.98;
    /** A fall slower than this fraction of the first loss per unit of ln α is no fall: rounding, not learning. */
    static final double FLAT = 1e-9;
    /** The cut: a smoothed loss this many times the minimum so far ends the curve. */
    static final double DIVERGED = 4;
    /** The least relative fall, from the search's start to the minimum, that is a fall rather than noise. */
    static final double MIN_FALL = 0.1;

    public RangeTestResult {
        rates = List.copyOf(rates);
        smoothed = List.copyOf(smoothed);
    }

    /** The result of the steps' {@code rates} and raw batch {@code losses}. */
    static RangeTestResult of(List<Double> rates, List<Double> losses) {
        List<Double> keptRates = new ArrayList<>();
        List<Double> kept = new ArrayList<>();
        double average = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < losses.size(); k++) {
            average = BETA * average + (1 - BETA) * losses.get(k);
            double value = average / (1 - Math.pow(BETA, k + 1));
            if (!Double.isFinite(value) || value > DIVERGED * best) {
                break;
            }
            best = Math.min(best, value);
            keptRates.add(rates.get(k));
            kept.add(value);
        }
        // Slopes are taken over a window of a twentieth of the steps, for the same reason the start is skipped.
        int window = Math.max(1, losses.size() / 20);
        int start = Math.min(Math.max(window, losses.size() / 10), Math.max(0, kept.size() - 1));
        int minimum = start;
        for (int k = start + 1; k < kept.size(); k++) {
            if (kept.get(k) < kept.get(minimum)) {
                minimum = k;
            }
        }
        double suggested = Double.NaN;
        boolean fell = !kept.isEmpty() && kept.get(minimum) <= (1 - MIN_FALL) * kept.get(start);
        double steepest = -FLAT * Math.abs(kept.isEmpty() ? 0 : kept.get(0));
        for (int k = Math.max(window, start); fell && k <= minimum; k++) {
            double slope = (kept.get(k) - kept.get(k - window)) / Math.log(keptRates.get(k) / keptRates.get(k - window));
            if (slope < steepest) {
                steepest = slope;
                suggested = Math.sqrt(keptRates.get(k) * keptRates.get(k - window));
            }
        }
        return new RangeTestResult(keptRates, kept, suggested, kept.isEmpty() ? Double.NaN : keptRates.get(minimum));
    }
}
