package dev.psi.train.task.family;

import dev.psi.train.data.FashionMnistVariant;
import dev.psi.train.data.ImageLayout;
import dev.psi.train.data.Numbers;
import dev.psi.train.task.DataSource;
import dev.psi.train.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Fashion-MNIST problems ({@link FashionMnistVariant}): all ten classes or a pair of them, at full or half
 * resolution, from a subset of a few thousand training images, with or without label noise on the training
 * labels, learned by a linear model, an MLP or a small CNN under cross-entropy. Validation and test are fixed
 * subsets of 1000 images each, the same for every trial, so that evaluations stay cheap.
 *
 * <p>Names: {@code fm-c<classes>-r<resolution>-n<train>-<model>[-ln<label noise>]-<opt>-b<batch>-e<epochs>},
 * where {@code c10} is all ten classes and {@code c3v5} the pair 3 and 5 (labels 0 and 1 of the task, in that
 * order); the label noise is left out when 0. The data is read where the built-in Fashion-MNIST tasks read it.
 */
public final class FashionMnistFamily extends ParametricFamily<FashionMnistFamily.Parameters> {

    public static final String NAME = "fmnist";
    static final String PREFIX = "fm";
    private static final String FORM = "fm-c<10 or class pair such as 3v5>-r<resolution 28|14|7>-n<train>-<model>"
            + "[-ln<label noise>]-<opt>-b<batch>-e<epochs>";
    private static final String RANGES =
            "classes all 10 (half) or a random pair; resolution 28 or 14 (14 for a CNN); train 1000, 2000, 4000; "
            + "model lin, mlp64, mlp128 or cnn8x16; label noise 0 (half), 0.1, 0.2; loss ce";
    /** Validation and test images of every task. */
    static final int HELD_OUT = 1000;

    /**
     * The parameters of one task.
     *
     * @param classes the dataset's classes, in label order (all ten, or two)
     * @param resolution pixels on a side: 28, 14 or 7
     * @param trainSize training images
     * @param model a model token: {@code lin}, {@code mlp64}, {@code cnn8x16}, ...
     * @param labelNoise fraction of training labels replaced by another class
     * @param training optimizer, batch size and epochs
     */
    public record Parameters(List<Integer> classes, int resolution, int trainSize, String model, double labelNoise,
            TrainingSettings training) {

        public Parameters {
            classes = List.copyOf(classes);
        }

        /** The canonical name. */
        public String name() {
            String which = classes.equals(FashionMnistVariant.STANDARD.classes()) ? "10"
                    : classes.stream().map(String::valueOf).collect(Collectors.joining("v"));
            return String.format(Locale.ROOT, "%s-c%s-r%d-n%d-%s%s-%s", PREFIX, which, resolution, trainSize, model,
                    labelNoise == 0 ? "" : "-ln" + Numbers.format(labelNoise), training.token());
        }

        /** The data variant, the model and the settings as a task; a CNN sees images, the others flat vectors. */
        public TaskSpec task() {
            FashionMnistVariant variant = new FashionMnistVariant(classes, resolution, labelNoise, trainSize, HELD_OUT,
                    HELD_OUT);
            DataSource data = new DataSource.FashionMnist(model.startsWith("cnn") ? ImageLayout.IMAGE : ImageLayout.FLAT,
                    Optional.empty(), variant);
            return new TaskSpec(name(), data.describe() + "; model " + NameReader.modelSpec(model), data,
                    NameReader.modelSpec(model), training.optimizer().spec(), training.batchSize(), training.epochs(),
                    Optional.empty());
        }
    }

    /** The family of {@link #draw}, {@link #parse} and {@link Parameters#task}. */
    public FashionMnistFamily() {
        super(NAME, PREFIX, RANGES, FashionMnistFamily::draw, FashionMnistFamily::parse, Parameters::task);
    }

    /** The parameters {@code seed} draws. */
    public static Parameters draw(long seed) {
        Random random = Draws.random(NAME, seed);
        List<Integer> classes = FashionMnistVariant.STANDARD.classes();
        if (random.nextBoolean()) {
            int first = random.nextInt(10);
            int second = random.nextInt(9);
            classes = List.of(first, second >= first ? second + 1 : second);
        }
        int resolution = Draws.pick(random, List.of(28, 14));
        int train = Draws.pick(random, List.of(1000, 2000, 4000));
        String model = Draws.pick(random, List.of("lin", "mlp64", "mlp128", "cnn8x16"));
        if (model.startsWith("cnn")) {
            // A CNN epoch on 4000 images of 28x28 takes 1.4 s on two cores, 50-100 times the other tasks of a suite,
            // and alone would take half of a study's time; at 14x14 it costs a quarter. Drawn after the resolution,
            // so that the draws of the other models are those of every earlier version.
            resolution = 14;
        }
        double labelNoise = Draws.pick(random, List.of(0.0, 0.0, 0.1, 0.2));
        return new Parameters(classes, resolution, train, model, labelNoise, TrainingSettings.draw(random, train));
    }

    static Parameters parse(String taskName) {
        NameReader reader = new NameReader(taskName, PREFIX, FORM);
        List<Integer> classes = classes(reader, reader.token("the classes (c10 or a pair such as c3v5)"));
        int resolution = reader.integer("r");
        int train = reader.integer("n");
        String model = reader.model();
        double labelNoise = reader.has("ln") ? reader.number("ln") : 0;
        TrainingSettings training = reader.training();
        reader.end();
        return new Parameters(classes, resolution, train, model, labelNoise, training);
    }

    private static List<Integer> classes(NameReader reader, String token) {
        if (token.equals("c10")) {
            return FashionMnistVariant.STANDARD.classes();
        }
        if (!token.matches("c[0-9](v[0-9])+")) {
            throw reader.error("expected c10 (all classes) or classes such as c3v5, got '" + token + "'");
        }
        List<Integer> classes = new ArrayList<>();
        for (String label : token.substring(1).split("v")) {
            classes.add(Integer.parseInt(label));
        }
        return classes;
    }
}
