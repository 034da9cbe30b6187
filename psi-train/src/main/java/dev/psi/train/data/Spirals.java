package dev.psi.train.data;

import java.util.Random;

/**
 * The interleaved spirals of Lang and Witbrock (1988), generalized to {@code c} arms: a two-dimensional
 * classification task that no linear model can solve and a small MLP can, with difficulty set by how
 * tightly the arms wind and how much noise blurs them.
 *
 * <p>Generation: an example of class {@code k} has radius {@code r ~ U(0, 1)} and angle
 * {@code theta = 2 pi (turns r + k / c)}; its input is {@code r (cos theta, sin theta)} plus
 * {@code noise * N(0, I_2)}. Without noise every input lies at distance {@code r} from the origin, on its
 * class's arm, and the arms are {@code 2 pi r / c} apart along a circle of radius {@code r}. The class is
 * drawn uniformly. Validation and test examples are drawn from the task seed, training examples from the
 * trial seed; the arms themselves are fixed by the parameters, so the task seed chooses only the examples.
 *
 * @param classes number of arms and classes {@code c >= 2}
 * @param turns how many full turns an arm makes from the centre to radius 1, {@code > 0}
 * @param noise standard deviation of the Gaussian noise added to each coordinate, {@code >= 0}
 * @param trainSize default number of training examples
 * @param valSize number of validation (and test) examples
 * @param taskSeed fixes the validation and test sets
 */
public record Spirals(int classes, double turns, double noise, int trainSize, int valSize, long taskSeed)
        implements SyntheticTask {

    public static final String KIND = "spirals";

    public Spirals {
        if (classes < 2) {
            throw new DataException(KIND + ": classes must be >= 2, got " + classes);
        }
        if (!(turns > 0 && turns <= 10)) {
            throw new DataException(KIND + ": turns must be in (0, 10], got " + turns);
        }
        if (!(noise >= 0 && Double.isFinite(noise))) {
            throw new DataException(KIND + ": noise must be a finite number >= 0, got " + noise);
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
        return "spirals: " + classes + " arms of " + Numbers.format(turns) + " turns in 2 dimensions, noise "
                + Numbers.format(noise);
    }

    @Override
    public DataShape shape() {
        return new DataShape(trainSize, valSize, new long[] {2}, classes);
    }

    @Override
    public DataSplit generate(int trainCount, long seed) {
        Sampling.checkSize(trainCount, Integer.MAX_VALUE, "train", KIND);
        Examples train = sample(trainCount == 0 ? trainSize : trainCount, Sampling.random(seed, Sampling.TRAIN_EXAMPLES));
        Examples validation = sample(valSize, Sampling.random(taskSeed, Sampling.VALIDATION_EXAMPLES));
        Examples test = sample(valSize, Sampling.random(taskSeed, Sampling.TEST_EXAMPLES));
        return new DataSplit(train, validation, test);
    }

    private Examples sample(int count, Random random) {
        float[] features = new float[Math.multiplyExact(count, 2)];
        float[] targets = new float[count];
        for (int k = 0; k < count; k++) {
            int y = random.nextInt(classes);
            double r = random.nextDouble();
            double theta = 2 * Math.PI * (turns * r + (double) y / classes);
            features[2 * k] = (float) (r * Math.cos(theta) + noise * random.nextGaussian());
            features[2 * k + 1] = (float) (r * Math.sin(theta) + noise * random.nextGaussian());
            targets[k] = y;
        }
        return new Examples(count, new long[] {2}, features, targets, classes);
    }
}
