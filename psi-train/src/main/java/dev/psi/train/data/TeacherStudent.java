package dev.psi.train.data;

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
 * @param dimension input dimension {@code d}
 * @param hidden hidden units of the teacher {@code h}
 * @param classes number of classes {@code c}
 * @param trainSize default number of training examples
 * @param valSize number of validation examples
 * @param taskSeed fixes the teacher and the validation set
 */
public record TeacherStudent(int dimension, int hidden, int classes, int trainSize, int valSize, long taskSeed)
        implements SyntheticTask {

    public static final String KIND = "teacher-student";

    public TeacherStudent {
        positive("dimension", dimension);
        positive("hidden", hidden);
        positive("train_size", trainSize);
        positive("val_size", valSize);
        if (classes < 2) {
            throw new DataException(KIND + ": classes must be >= 2, got " + classes);
        }
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

    @Override
    public String describe() {
        return "teacher-student: N(0, I) inputs labelled by a random " + dimension + "-" + hidden + "-" + classes
                + " tanh MLP";
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
        private final double[][] w1 = new double[hidden][dimension];
        private final double[][] w2 = new double[classes][hidden];

        Teacher(Random random) {
            double inputScale = 1 / Math.sqrt(dimension);
            double hiddenScale = 1 / Math.sqrt(hidden);
            for (double[] row : w1) {
                for (int j = 0; j < dimension; j++) {
                    row[j] = random.nextGaussian() * inputScale;
                }
            }
            for (double[] row : w2) {
                for (int i = 0; i < hidden; i++) {
                    row[i] = random.nextGaussian() * hiddenScale;
                }
            }
        }

        Examples sample(int count, Random random) {
            float[] features = new float[Math.multiplyExact(count, dimension)];
            float[] targets = new float[count];
            double[] x = new double[dimension];
            double[] activation = new double[hidden];
            for (int k = 0; k < count; k++) {
                for (int j = 0; j < dimension; j++) {
                    // The label is computed from the float value the student will see, not the double drawn.
                    float value = (float) random.nextGaussian();
                    features[k * dimension + j] = value;
                    x[j] = value;
                }
                for (int i = 0; i < hidden; i++) {
                    double sum = 0;
                    for (int j = 0; j < dimension; j++) {
                        sum += w1[i][j] * x[j];
                    }
                    activation[i] = Math.tanh(sum);
                }
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    double score = 0;
                    for (int i = 0; i < hidden; i++) {
                        score += w2[c][i] * activation[i];
                    }
                    if (score > bestScore) {
                        bestScore = score;
                        best = c;
                    }
                }
                targets[k] = best;
            }
            return new Examples(count, new long[] {dimension}, features, targets, classes);
        }
    }
}
