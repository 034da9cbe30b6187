package dev.psi.core.criteria;

import java.util.Arrays;

/**
 * A closed interval [lower, upper] of a 95 % confidence interval; bounds may be ∞.
 *
 * @param lower the lower bound
 * @param upper the upper bound, not below {@code lower}
 */
public record ConfidenceInterval(double lower, double upper) {

    public ConfidenceInterval {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("not an interval: [" + lower + ", " + upper + "]");
        }
    }

    /**
     * The percentile 95 % interval of bootstrap {@code replicates}: sorted (a copy), the bounds are the order
     * statistics at indices ⌊0.025·B⌋ and ⌈0.975·B⌉ − 1 for B replicates (for B = 2000: the 51st and the
     * 1950th), so that the interval is the same for the same replicates.
     *
     * @throws IllegalArgumentException when there are no replicates or one is NaN
     */
    public static ConfidenceInterval percentile(double[] replicates) {
        if (replicates.length == 0) {
            throw new IllegalArgumentException("a bootstrap interval of no replicates");
        }
        double[] sorted = replicates.clone();
        Arrays.sort(sorted);
        int b = sorted.length;
        int lower = (int) Math.floor(0.025 * b);
        int upper = Math.max(lower, (int) Math.ceil(0.975 * b) - 1);
        return new ConfidenceInterval(sorted[lower], sorted[upper]);
    }

    /** Whether {@code value} lies in [lower, upper]. */
    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }
}
