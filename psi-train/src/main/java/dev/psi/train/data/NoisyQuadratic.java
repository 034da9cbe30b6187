package dev.psi.train.data;

import java.util.OptionalDouble;
import java.util.Random;

/**
 * A linear regression task that, with a linear model and the mean squared error, is the noisy
 * quadratic model of Zhang et al. (2019, "Which algorithmic choices matter at which batch sizes?"):
 * a quadratic loss with a spread of curvatures, optimized from noisy minibatch gradients.
 *
 * <p>Generation, with {@code d = dimension}:
 * <ul>
 *   <li>Curvatures {@code h_i = 10^(-decades * i / (d - 1))}, {@code i = 0..d-1}: spread evenly on a
 *       log scale from 1 down to {@code 10^-decades} (two decades by default), so the condition number
 *       is {@code 10^decades}.</li>
 *   <li>The optimum {@code w*} has entries {@code N(0, 1)}, drawn from the task seed.</li>
 *   <li>An input is {@code x ~ N(0, diag(h))}; its target is {@code y = w*.x + noise * N(0, 1)}.</li>
 * </ul>
 * The expected loss of weights {@code w} (and zero bias) is then
 * {@code sum_i h_i (w_i - w*_i)^2 + noise^2}: a quadratic with Hessian {@code 2 diag(h)} and floor
 * {@code noise^2}, and the minibatch gradient noise has covariance proportional to {@code diag(h)}, as
 * in the model. Validation examples are drawn from the task seed, training examples from the trial seed.
 *
 * @param dimension number of inputs {@code d}
 * @param decades how many powers of ten the curvatures span
 * @param noise standard deviation of the target noise
 * @param trainSize default number of training examples
 * @param valSize number of validation examples
 * @param taskSeed fixes the optimum and the validation set
 */
public record NoisyQuadratic(int dimension, double decades, double noise, int trainSize, int valSize, long taskSeed)
        implements SyntheticTask {

    public static final String KIND = "noisy-quadratic";

    public NoisyQuadratic {
        if (dimension < 1 || trainSize < 1 || valSize < 1) {
            throw new DataException(KIND + ": dimension, train_size and val_size must be >= 1, got " + dimension
                    + ", " + trainSize + ", " + valSize);
        }
        if (!(decades >= 0 && decades <= 12)) {
            throw new DataException(KIND + ": decades must be in [0, 12], got " + decades);
        }
        if (!(noise >= 0 && Double.isFinite(noise))) {
            throw new DataException(KIND + ": noise must be a finite number >= 0, got " + noise);
        }
    }

    /** 50 inputs, curvatures over two decades, noise 0.5, 8000 training and 2000 validation examples, task seed 1. */
    public static NoisyQuadratic defaults() {
        return new NoisyQuadratic(50, 2, 0.5, 8000, 2000, 1);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** noise², the expected squared error of the optimum w*. */
    @Override
    public OptionalDouble lossFloor() {
        return OptionalDouble.of(noise * noise);
    }

    @Override
    public String describe() {
        return "noisy quadratic: " + dimension + " inputs, curvatures over " + format(decades) + " decades, noise "
                + format(noise);
    }

    @Override
    public DataShape shape() {
        return new DataShape(trainSize, valSize, new long[] {dimension}, 0);
    }

    /** The curvatures {@code h_i}, largest first. */
    public double[] curvatures() {
        double[] h = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            h[i] = dimension == 1 ? 1 : Math.pow(10, -decades * i / (dimension - 1));
        }
        return h;
    }

    /** The optimal weights {@code w*}. */
    public double[] optimum() {
        Random random = Sampling.random(taskSeed, Sampling.TEACHER);
        double[] w = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            w[i] = random.nextGaussian();
        }
        return w;
    }

    @Override
    public DataSplit generate(int trainCount, long seed) {
        Sampling.checkSize(trainCount, Integer.MAX_VALUE, "train", KIND);
        double[] scale = curvatures();
        for (int i = 0; i < dimension; i++) {
            scale[i] = Math.sqrt(scale[i]);
        }
        double[] w = optimum();
        Examples train = sample(trainCount == 0 ? trainSize : trainCount, scale, w,
                Sampling.random(seed, Sampling.TRAIN_EXAMPLES));
        Examples validation = sample(valSize, scale, w, Sampling.random(taskSeed, Sampling.VALIDATION_EXAMPLES));
        Examples test = sample(valSize, scale, w, Sampling.random(taskSeed, Sampling.TEST_EXAMPLES));
        return new DataSplit(train, validation, test);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private Examples sample(int count, double[] scale, double[] w, Random random) {
        float[] features = new float[Math.multiplyExact(count, dimension)];
        float[] targets = new float[count];
        for (int k = 0; k < count; k++) {
            double y = 0;
            for (int i = 0; i < dimension; i++) {
                // The target is computed from the float value the model will see, not the double drawn.
                float x = (float) (random.nextGaussian() * scale[i]);
                features[k * dimension + i] = x;
                y += w[i] * x;
            }
            targets[k] = (float) (y + noise * random.nextGaussian());
        }
        return new Examples(count, new long[] {dimension}, features, targets, 0);
    }
}
