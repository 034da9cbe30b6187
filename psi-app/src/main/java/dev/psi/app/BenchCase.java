package dev.psi.app;

import dev.psi.core.spec.Spec;
import dev.psi.train.data.DataSplit;
import dev.psi.train.data.Examples;
import dev.psi.train.engine.TrialConfig;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The workloads of {@code psi bench}, each mirrored case for case by {@code tools/bench/pytorch_reference.py}
 * so that the two sides do the same work per epoch.
 *
 * <ul>
 *   <li>{@link #REFERENCE}: the whole Fashion-MNIST training file, MLP 784-256-10, batch 128, plain SGD at
 *       lr 0.1, validated once per epoch on the 10 000 test images. Large matrix products: measures the
 *       kernels as much as the loop.</li>
 *   <li>{@link #SMALL}: 2000 rows of 64 features, MLP 64-64-10, batch 16, SGD with momentum 0.9 at lr 0.05,
 *       validated as {@code psi train} validates (on the 500 validation rows after every 16th step and at the
 *       epoch's end). The products are tiny, so it measures the per-step overhead that dominates the short
 *       trials of a study.</li>
 * </ul>
 *
 * <p>The small case's data is generated, not read, so that it needs no file: standard normal features and
 * the label of each row the index of the largest of 10 fixed random projections of it (a linearly separable
 * 10-class problem the MLP learns within an epoch or two). Both sides draw it with their own generators;
 * only its shape and distribution matter to the timing.
 */
enum BenchCase {

    REFERENCE("reference", "Fashion-MNIST %d examples, MLP 784-256-10, batch 128, SGD lr 0.1, validation on the "
            + "10000 test images at each epoch's end", "mlp(hidden=[256],activation=relu)", "SGD()",
            "Constant(lr=0.1)", 128, Integer.MAX_VALUE),
    SMALL("small", "generated %d rows x 64 features, MLP 64-64-10, batch 16, SGD momentum 0.9 lr 0.05, validation "
            + "on 500 rows every 16 steps and at each epoch's end", "mlp(hidden=[64],activation=relu)",
            "SGD(momentum=0.9)", "Constant(lr=0.05)", 16, 0);

    /** Training rows of the small case: 125 steps of 16 per epoch. */
    static final int SMALL_TRAIN_ROWS = 2000;
    /** Validation rows of the small case: all of them fit the validation subset, as in a small CSV task. */
    static final int SMALL_VALIDATION_ROWS = 500;
    static final int SMALL_FEATURES = 64;
    static final int SMALL_CLASSES = 10;
    private static final long SMALL_DATA_SEED = 12;

    private final String word;
    private final String description;
    private final Spec model;
    private final Spec optimizer;
    private final Spec controller;
    private final int batchSize;
    private final int evalEvery;

    BenchCase(String word, String description, String model, String optimizer, String controller, int batchSize,
            int evalEvery) {
        this.word = word;
        this.description = description;
        this.model = Spec.parse(model);
        this.optimizer = Spec.parse(optimizer);
        this.controller = Spec.parse(controller);
        this.batchSize = batchSize;
        this.evalEvery = evalEvery;
    }

    /** The case's name on the command line and in both sides' output. */
    String word() {
        return word;
    }

    /** One line that says what an epoch of this case does, for {@code trainRows} training rows. */
    String describe(int trainRows) {
        return String.format(Locale.ROOT, description, trainRows);
    }

    /**
     * The case named {@code word}.
     *
     * @throws IllegalArgumentException naming the valid words
     */
    static BenchCase of(String word) {
        for (BenchCase c : values()) {
            if (c.word.equals(word)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown bench case '" + word + "'; valid: "
                + Arrays.stream(values()).map(BenchCase::word).collect(Collectors.joining(", ")));
    }

    /** The trial of this case: {@code epochs} epochs from seed 1. */
    TrialConfig config(int epochs) {
        return new TrialConfig(model, optimizer, controller, batchSize, epochs, 1, TrialConfig.DEFAULT_LOSS_SMOOTHING,
                evalEvery);
    }

    /**
     * The case's data, its training part cut to the first {@code trainSize} rows when that is not 0.
     *
     * @throws IllegalArgumentException if {@code trainSize} is more than the case has
     */
    DataSplit data(int trainSize) {
        DataSplit full = this == REFERENCE ? reference() : small();
        if (trainSize > full.train().count()) {
            throw new IllegalArgumentException("--train-size must be at most " + full.train().count() + " for the "
                    + word + " case, got " + trainSize);
        }
        return trainSize == 0 ? full
                : full.withTrain(full.train().subset(IntStream.range(0, trainSize).toArray()));
    }

    /** Parses a list of case words, keeping their order and dropping repeats. */
    static List<BenchCase> parse(List<String> words) {
        return words.stream().map(BenchCase::of).distinct().collect(Collectors.toUnmodifiableList());
    }

    /**
     * The whole Fashion-MNIST training file (Psi's training and validation parts) validated on the 10 000 test
     * images, as the Python peer trains it.
     */
    private static DataSplit reference() {
        TaskSpec task = Tasks.resolve("fmnist-mlp");
        DataSplit split = task.load(0, 1);
        return new DataSplit(Examples.concat(split.train(), split.validation()), split.test());
    }

    /** The generated small task: training and validation rows from one seeded stream. */
    static DataSplit small() {
        Random random = new Random(SMALL_DATA_SEED);
        double[][] projections = new double[SMALL_FEATURES][SMALL_CLASSES];
        for (double[] row : projections) {
            for (int c = 0; c < SMALL_CLASSES; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return new DataSplit(smallRows(SMALL_TRAIN_ROWS, projections, random),
                smallRows(SMALL_VALIDATION_ROWS, projections, random));
    }

    private static Examples smallRows(int count, double[][] projections, Random random) {
        float[] features = new float[count * SMALL_FEATURES];
        float[] labels = new float[count];
        for (int row = 0; row < count; row++) {
            double[] scores = new double[SMALL_CLASSES];
            for (int f = 0; f < SMALL_FEATURES; f++) {
                float value = (float) random.nextGaussian();
                features[row * SMALL_FEATURES + f] = value;
                for (int c = 0; c < SMALL_CLASSES; c++) {
                    scores[c] += value * projections[f][c];
                }
            }
            int best = 0;
            for (int c = 1; c < SMALL_CLASSES; c++) {
                best = scores[c] > scores[best] ? c : best;
            }
            labels[row] = best;
        }
        return new Examples(count, new long[] {SMALL_FEATURES}, features, labels, SMALL_CLASSES);
    }
}
