package dev.psi.train.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * How feature values are rescaled before training. Statistics are computed per feature on the
 * training part only and then applied unchanged to the validation part, so that no information from
 * the validation examples leaks into training.
 */
public enum Normalization {

    /** Values are used as they are. */
    NONE,
    /**
     * {@code (x - mean) / std} with the population standard deviation (as scikit-learn's
     * {@code StandardScaler}); a constant feature becomes 0.
     */
    STANDARD,
    /** {@code (x - min) / (max - min)}, mapping the training range onto [0, 1]; a constant feature becomes 0. */
    MINMAX;

    /** The word used in task specs: {@code none}, {@code standard} or {@code minmax}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a spec word.
     *
     * @throws DataException naming the word and the valid ones
     */
    public static Normalization parse(String word) {
        for (Normalization normalization : values()) {
            if (normalization.word().equals(word)) {
                return normalization;
            }
        }
        throw new DataException("normalize: '" + word + "' is not valid; valid: none, standard, minmax");
    }

    /** The split with both parts rescaled by statistics of {@code split.train()}; new arrays unless {@link #NONE}. */
    public DataSplit apply(DataSplit split) {
        if (this == NONE) {
            return split;
        }
        Examples train = split.train();
        int size = train.featureSize();
        double[] shift = new double[size];
        double[] scale = new double[size];
        if (this == STANDARD) {
            standardStatistics(train, shift, scale);
        } else {
            minMaxStatistics(train, shift, scale);
        }
        return new DataSplit(rescaled(train, shift, scale), rescaled(split.validation(), shift, scale),
                rescaled(split.test(), shift, scale));
    }

    private static void standardStatistics(Examples examples, double[] mean, double[] std) {
        int size = mean.length;
        float[] x = examples.features();
        for (int row = 0; row < examples.count(); row++) {
            for (int j = 0; j < size; j++) {
                mean[j] += x[row * size + j];
            }
        }
        for (int j = 0; j < size; j++) {
            mean[j] /= examples.count();
        }
        // Two passes rather than sum-of-squares: the textbook one-pass formula loses all precision
        // when a feature's mean is large compared with its spread.
        for (int row = 0; row < examples.count(); row++) {
            for (int j = 0; j < size; j++) {
                double d = x[row * size + j] - mean[j];
                std[j] += d * d;
            }
        }
        for (int j = 0; j < size; j++) {
            double deviation = Math.sqrt(std[j] / examples.count());
            std[j] = deviation > 0 ? deviation : 1;
        }
    }

    private static void minMaxStatistics(Examples examples, double[] min, double[] range) {
        int size = min.length;
        float[] x = examples.features();
        double[] max = new double[size];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int row = 0; row < examples.count(); row++) {
            for (int j = 0; j < size; j++) {
                min[j] = Math.min(min[j], x[row * size + j]);
                max[j] = Math.max(max[j], x[row * size + j]);
            }
        }
        for (int j = 0; j < size; j++) {
            double width = max[j] - min[j];
            range[j] = width > 0 ? width : 1;
        }
    }

    private static Examples rescaled(Examples examples, double[] shift, double[] scale) {
        int size = shift.length;
        float[] x = examples.features();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int j = i % size;
            out[i] = (float) ((x[i] - shift[j]) / scale[j]);
        }
        return new Examples(examples.count(), examples.featureShape(), out, examples.targets(), examples.numClasses());
    }
}
