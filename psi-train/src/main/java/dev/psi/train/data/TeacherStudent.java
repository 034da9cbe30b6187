package dev.psi.train.data;

import java.util.OptionalDouble;
import java.util.Random;

/**
 * A classification task labelled by a random "teacher" network, the classic teacher-student setting
 * (Gardner and Derrida 1989; Saad and Solla 1995): the student can fit it exactly, and only
 * optimization decides how close it gets.
 *
 * <p>Generation, with {@code d = dimension}, {@code h = hidden}, {@code c = classes}:
 * <ul>
 *   <li>The teacher, drawn from the task seed: {@code W1} ({@code h x d}) with entries
 *       {@code N(0, 1/d)} and {@code W2} ({@code c x h}) with entries {@code N(0, 1/h)}. The variances
 *       keep pre-activations of order 1, so {@code tanh} works in its non-linear range. The teacher has
 *       no biases: it is then an odd function, which keeps the classes close to balanced (with random
 *       biases, one class of four often held under 10% of the inputs).</li>
 *   <li>An input is {@code x ~ N(0, I_d)}; its label is {@code argmax(W2 tanh(W1 x))}.</li>
 *   <li>Validation inputs are drawn from the task seed, training inputs from the trial seed.</li>
 * </ul>
 *
 * <p>A deeper teacher ({@code depth > 1}) has {@code depth} tanh layers of {@code h} units, the extra
 * {@code h x h} matrices with entries {@code N(0, 1/h)} drawn between {@code W1} and the output layer, so
 * that a depth-1 teacher draws exactly the weights it always did. With {@code classes == 0} the task is a
 * regression: the teacher has one output, and the target is that output plus {@code noise * N(0, 1)} in
 * every part (the loss floor is {@code noise^2}, as in {@link NoisyQuadratic}). In classification,
 * {@code noise} is label noise: that fraction of the <em>training</em> labels, chosen by the trial seed, is
 * replaced by another class drawn uniformly, so a model can no longer fit the training set exactly, while
 * validation and test still measure the clean task. The inputs do not depend on {@code noise}.
 *
 * @param dimension input dimension {@code d}
 * @param hidden hidden units of the teacher {@code h}
 * @param depth hidden layers of the teacher (1 for the classic setting)
 * @param classes number of classes {@code c}, or 0 for a regression on the teacher's single output
 * @param noise classification: the fraction of training labels replaced, in [0, 1); regression: the
 *     standard deviation of the target noise, {@code >= 0}
 * @param trainSize default number of training examples
 * @param valSize number of validation examples
 * @param taskSeed fixes the teacher and the validation set
 */
public record TeacherStudent(int dimension, int hidden, int depth, int classes, double noise, int trainSize,
        int valSize, long taskSeed) implements SyntheticTask {

    public static final String KIND = "teacher-student";

    public TeacherStudent {
        positive("dimension", dimension);
        positive("hidden", hidden);
        positive("depth", depth);
        positive("train_size", trainSize);
        positive("val_size", valSize);
        if (classes < 2 && classes != 0) {
            throw new DataException(KIND + ": classes must be >= 2 (or 0 for a regression), got " + classes);
        }
        if (classes > 0 && !(noise >= 0 && noise < 1)) {
            throw new DataException(KIND + ": label noise must be a fraction in [0, 1), got " + noise);
        }
        if (!(noise >= 0 && Double.isFinite(noise))) {
            throw new DataException(KIND + ": noise must be a finite number >= 0, got " + noise);
        }
    }

    /** The classic setting: one hidden layer, no noise. */
    public TeacherStudent(int dimension, int hidden, int classes, int trainSize, int valSize, long taskSeed) {
        this(dimension, hidden, 1, classes, 0, trainSize, valSize, taskSeed);
    }

    /**
     * 20 inputs, a 20-32-4 teacher, 8000 training and 2000 validation examples, task seed 3: the first
     * seed whose teacher gives each class between 23% and 27% of the inputs.
     */
    public static TeacherStudent defaults() {
        return new TeacherStudent(20, 32, 4, 8000, 2000, 3);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Whether the targets are the teacher's real output rather than a class. */
    public boolean regression() {
        return classes == 0;
    }

    /** For a regression, noise², the expected squared error of the teacher itself; empty for classification. */
    @Override
    public OptionalDouble lossFloor() {
        return regression() ? OptionalDouble.of(noise * noise) : OptionalDouble.empty();
    }

    @Override
    public String describe() {
        String layers = (dimension + "-" + hidden).concat(("-" + hidden).repeat(depth - 1)) + "-"
                + (regression() ? 1 : classes);
        String what = regression() ? "regression on the output of a random " : "N(0, I) inputs labelled by a random ";
        String extra = noise == 0 ? "" : regression() ? ", target noise " + noise : ", label noise " + noise;
        return "teacher-student: " + what + layers + " tanh MLP" + extra;
    }

    @Override
    public DataShape shape() {
        return new DataShape(trainSize, valSize, new long[] {dimension}, classes);
    }

    @Override
    public DataSplit generate(int trainCount, long seed) {
        Sampling.checkSize(trainCount, Integer.MAX_VALUE, "train", KIND);
        Teacher teacher = new Teacher(Sampling.random(taskSeed, Sampling.TEACHER));
        Examples train = teacher.sample(trainCount == 0 ? trainSize : trainCount,
                Sampling.random(seed, Sampling.TRAIN_EXAMPLES));
        if (!regression() && noise > 0) {
            train = Sampling.flipLabels(train, noise, seed);
        }
        Examples validation = teacher.sample(valSize, Sampling.random(taskSeed, Sampling.VALIDATION_EXAMPLES));
        Examples test = teacher.sample(valSize, Sampling.random(taskSeed, Sampling.TEST_EXAMPLES));
        return new DataSplit(train, validation, test);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new DataException(KIND + ": " + name + " must be >= 1, got " + value);
        }
    }

    /** The teacher network; weights are drawn in a fixed order so that a task seed always gives the same one. */
    private final class Teacher {
        /** The hidden layers' weights, input first; then the output layer's. */
        private final double[][][] layers = new double[depth][][];
        private final double[][] output = new double[regression() ? 1 : classes][hidden];

        Teacher(Random random) {
            for (int l = 0; l < depth; l++) {
                int fanIn = l == 0 ? dimension : hidden;
                layers[l] = gaussian(hidden, fanIn, random);
            }
            double hiddenScale = 1 / Math.sqrt(hidden);
            for (double[] row : output) {
                for (int i = 0; i < hidden; i++) {
                    row[i] = random.nextGaussian() * hiddenScale;
                }
            }
        }

        private static double[][] gaussian(int rows, int fanIn, Random random) {
            double[][] w = new double[rows][fanIn];
            double scale = 1 / Math.sqrt(fanIn);
            for (double[] row : w) {
                for (int j = 0; j < fanIn; j++) {
                    row[j] = random.nextGaussian() * scale;
                }
            }
            return w;
        }

        Examples sample(int count, Random random) {
            float[] features = new float[Math.multiplyExact(count, dimension)];
            float[] targets = new float[count];
            double[] x = new double[dimension];
            double[] scores = new double[output.length];
            for (int k = 0; k < count; k++) {
                for (int j = 0; j < dimension; j++) {
                    // The label is computed from the float value the student will see, not the double drawn.
                    float value = (float) random.nextGaussian();
                    features[k * dimension + j] = value;
                    x[j] = value;
                }
                double[] activation = x;
                for (double[][] layer : layers) {
                    activation = tanh(layer, activation);
                }
                for (int c = 0; c < output.length; c++) {
                    double score = 0;
                    for (int i = 0; i < hidden; i++) {
                        score += output[c][i] * activation[i];
                    }
                    scores[c] = score;
                }
                targets[k] = regression() ? (float) (scores[0] + noise * random.nextGaussian()) : argmax(scores);
            }
            return new Examples(count, new long[] {dimension}, features, targets, classes);
        }

        private static double[] tanh(double[][] layer, double[] input) {
            double[] result = new double[layer.length];
            for (int i = 0; i < layer.length; i++) {
                double sum = 0;
                for (int j = 0; j < input.length; j++) {
                    sum += layer[i][j] * input[j];
                }
                result[i] = Math.tanh(sum);
            }
            return result;
        }

        private static int argmax(double[] scores) {
            int best = 0;
            for (int c = 1; c < scores.length; c++) {
                if (scores[c] > scores[best]) {
                    best = c;
                }
            }
            return best;
        }
    }
}
