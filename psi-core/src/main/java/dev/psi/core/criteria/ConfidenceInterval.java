package dev.psi.core.criteria;

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

    /** Whether {@code value} lies in [lower, upper]. */
    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }
}
