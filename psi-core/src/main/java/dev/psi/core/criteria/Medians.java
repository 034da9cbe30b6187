package dev.psi.core.criteria;

import java.util.Arrays;
import java.util.Random;

/**
 * The median over seeds, where ∞ (never reached) is a value like any other, and its seeded percentile
 * bootstrap interval.
 */
public final class Medians {

    /** The usual number of bootstrap resamples. */
    public static final int DEFAULT_RESAMPLES = 2000;

    private Medians() {
    }

    /**
     * The median of {@code values}: the middle value of the sorted values, or the mean of the two middle
     * ones for an even count (so the median of {1, ∞, ∞} and of {1, 2, ∞, ∞} is ∞).
     *
     * @throws IllegalArgumentException when there are no values or one is NaN
     */
    public static double median(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values");
        }
        double[] sorted = values.clone();
        for (double v : sorted) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("NaN among " + Arrays.toString(values));
            }
        }
        Arrays.sort(sorted);
        return sortedMedian(sorted);
    }

    /**
     * A percentile bootstrap 95 % interval for the median of {@code values}: {@code resamples} resamples
     * with replacement drawn by {@link java.util.Random} seeded with {@code seed} (the same inputs give the
     * same interval on every JVM), and the {@link ConfidenceInterval#percentile percentile interval} of their
     * medians. Bounds may be ∞.
     *
     * @throws IllegalArgumentException when there are no values, one is NaN, or {@code resamples < 1}
     */
    public static ConfidenceInterval bootstrapInterval(double[] values, int resamples, long seed) {
        median(values); // validates
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1: " + resamples);
        }
        Random random = new Random(seed);
        int n = values.length;
        double[] sample = new double[n];
        double[] medians = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                sample[i] = values[random.nextInt(n)];
            }
            Arrays.sort(sample);
            medians[b] = sortedMedian(sample);
        }
        return ConfidenceInterval.percentile(medians);
    }

    /** {@link #bootstrapInterval(double[], int, long)} with {@value #DEFAULT_RESAMPLES} resamples. */
    public static ConfidenceInterval bootstrapInterval(double[] values, long seed) {
        return bootstrapInterval(values, DEFAULT_RESAMPLES, seed);
    }

    private static double sortedMedian(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
