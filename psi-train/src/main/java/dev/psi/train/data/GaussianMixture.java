package dev.psi.train.data;

import java.util.Random;

/**
 * A classification task whose classes are isotropic Gaussians with unit variance around means a fixed
 * distance apart: the textbook case where the Bayes-optimal classifier is linear, and where the
 * difficulty is set by one number, the separation.
 *
 * <p>Generation, with {@code d = dimension}, {@code c = classes}, {@code s = separation}:
 * <ul>
 *   <li>The means, from the task seed: {@code mu_k = (s / sqrt 2) q_k}, where {@code q_1..q_c} are
 *       orthonormal (Gram-Schmidt on Gaussian vectors), so every pair of means is exactly {@code s} apart
 *       and no direction is special. This needs {@code d >= c}.</li>
 *   <li>An example: a class {@code y} drawn uniformly, then {@code x = mu_y + N(0, I_d)}.</li>
 *   <li>Validation and test examples are drawn from the task seed, training examples from the trial seed.</li>
 * </ul>
 * Two classes are then confused by the best possible classifier with probability {@code Phi(-s/2)}
 * (31 % at s = 1, 2.3 % at s = 4, 3e-5 at s = 8).
 *
 * @param classes number of classes {@code c >= 2}
 * @param dimension input dimension {@code d >= c}
 * @param separation distance between any two means, in units of the noise's standard deviation, {@code > 0}
 * @param trainSize default number of training examples
 * @param valSize number of validation (and test) examples
 * @param taskSeed fixes the means and the validation and test sets
 */
public record GaussianMixture(int classes, int dimension, double separation, int trainSize, int valSize,
        long taskSeed) implements SyntheticTask {

    public static final String KIND = "gaussian-mixture";

    public GaussianMixture {
        if (classes < 2) {
            throw new DataException(KIND + ": classes must be >= 2, got " + classes);
        }
        if (dimension < classes) {
            throw new DataException(KIND + ": dimension must be >= classes (" + classes + ") so that the means can be "
                    + "equidistant, got " + dimension);
        }
        if (!(separation > 0 && Double.isFinite(separation))) {
            throw new DataException(KIND + ": separation must be a finite number > 0, got " + separation);
        }
        if (trainSize < 1 || valSize < 1) {
            throw new DataException(KIND + ": train_size and val_size must be >= 1, got " + trainSize + ", " + valSize);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return "Gaussian mixture: " + classes + " unit-variance classes in " + dimension + " dimensions, means "
                + Numbers.format(separation) + " apart";
    }

    @Override
    public DataShape shape() {
        return new DataShape(trainSize, valSize, new long[] {dimension}, classes);
    }

    /** The class means, {@code classes x dimension}, pairwise {@link #separation} apart. */
    public double[][] means() {
        Random random = Sampling.random(taskSeed, Sampling.TEACHER);
        double[][] q = new double[classes][dimension];
        for (int k = 0; k < classes; k++) {
            double[] v = q[k];
            for (int j = 0; j < dimension; j++) {
                v[j] = random.nextGaussian();
            }
            // Modified Gram-Schmidt against the earlier unit directions; a Gaussian vector is independent of
            // them with probability 1, and d >= c leaves room.
            for (int i = 0; i < k; i++) {
                double dot = 0;
                for (int j = 0; j < dimension; j++) {
                    dot += v[j] * q[i][j];
                }
                for (int j = 0; j < dimension; j++) {
                    v[j] -= dot * q[i][j];
                }
            }
            double norm = 0;
            for (double value : v) {
                norm += value * value;
            }
            double unit = 1 / Math.sqrt(norm);
            for (int j = 0; j < dimension; j++) {
                v[j] *= unit;
            }
        }
        double scale = separation / Math.sqrt(2);
        for (double[] row : q) {
            for (int j = 0; j < dimension; j++) {
                row[j] *= scale;
            }
        }
        return q;
    }

    @Override
    public DataSplit generate(int trainCount, long seed) {
        Sampling.checkSize(trainCount, Integer.MAX_VALUE, "train", KIND);
        double[][] means = means();
        Examples train = sample(trainCount == 0 ? trainSize : trainCount, means,
                Sampling.random(seed, Sampling.TRAIN_EXAMPLES));
        Examples validation = sample(valSize, means, Sampling.random(taskSeed, Sampling.VALIDATION_EXAMPLES));
        Examples test = sample(valSize, means, Sampling.random(taskSeed, Sampling.TEST_EXAMPLES));
        return new DataSplit(train, validation, test);
    }

    private Examples sample(int count, double[][] means, Random random) {
        float[] features = new float[Math.multiplyExact(count, dimension)];
        float[] targets = new float[count];
        for (int k = 0; k < count; k++) {
            int y = random.nextInt(classes);
            targets[k] = y;
            for (int j = 0; j < dimension; j++) {
                features[k * dimension + j] = (float) (means[y][j] + random.nextGaussian());
            }
        }
        return new Examples(count, new long[] {dimension}, features, targets, classes);
    }
}
