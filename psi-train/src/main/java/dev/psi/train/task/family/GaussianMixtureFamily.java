package dev.psi.train.task.family;

import dev.psi.train.data.GaussianMixture;
import dev.psi.train.data.Numbers;
import dev.psi.train.task.DataSource;
import dev.psi.train.task.TaskSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Gaussian mixtures ({@link GaussianMixture}): classes of unit-variance Gaussians with equidistant means, drawn
 * number of classes, dimension and separation, learned by a linear model or a small MLP under cross-entropy.
 *
 * <p>Names: {@code gm-c<classes>-d<dimension>-sep<separation>-n<train>-s<task seed>-<model>-<opt>-b<batch>-e<epochs>}.
 * The generating seed is the task seed.
 */
public final class GaussianMixtureFamily extends ParametricFamily<GaussianMixtureFamily.Parameters> {

    public static final String NAME = "gaussian-mixture";
    static final String PREFIX = "gm";
    private static final String FORM = "gm-c<classes>-d<dimension>-sep<separation>-n<train>-s<seed>-<model>-<opt>"
            + "-b<batch>-e<epochs>";
    private static final String RANGES =
            "classes 2, 3, 5, 10; dimension 10, 20, 50; separation 1-4; train 1000, 2000, 4000; model lin or "
            + "mlp32; loss ce";

    /**
     * The parameters of one task.
     *
     * @param classes classes
     * @param dimension inputs, at least {@code classes}
     * @param separation distance between any two class means, in noise standard deviations
     * @param trainSize training examples
     * @param taskSeed fixes the means and the validation and test sets
     * @param model a model token: {@code lin}, {@code mlp32}, ...
     * @param training optimizer, batch size and epochs
     */
    public record Parameters(int classes, int dimension, double separation, int trainSize, long taskSeed, String model,
            TrainingSettings training) {

        /** The canonical name. */
        public String name() {
            return String.format(Locale.ROOT, "%s-c%d-d%d-sep%s-n%d-s%d-%s-%s", PREFIX, classes, dimension,
                    Numbers.format(separation), trainSize, taskSeed, model, training.token());
        }

        /** The data, the model and the settings as a task. */
        public TaskSpec task() {
            GaussianMixture data = new GaussianMixture(classes, dimension, separation, trainSize,
                    Draws.HELD_OUT, taskSeed);
            return new TaskSpec(name(), data.describe() + "; model " + NameReader.modelSpec(model),
                    new DataSource.Synthetic(data), NameReader.modelSpec(model), training.optimizer().spec(),
                    training.batchSize(), training.epochs(), Optional.empty());
        }
    }

    /** The family of {@link #draw}, {@link #parse} and {@link Parameters#task}. */
    public GaussianMixtureFamily() {
        super(NAME, PREFIX, RANGES, GaussianMixtureFamily::draw, GaussianMixtureFamily::parse, Parameters::task);
    }

    /** The parameters {@code seed} draws. */
    public static Parameters draw(long seed) {
        Random random = Draws.random(NAME, seed);
        int classes = Draws.pick(random, List.of(2, 3, 5, 10));
        int dimension = Draws.pick(random, List.of(10, 20, 50));
        double separation = 1 + random.nextInt(4);
        int train = Draws.pick(random, List.of(1000, 2000, 4000));
        String model = Draws.pick(random, List.of("lin", "mlp32"));
        return new Parameters(classes, dimension, separation, train, seed, model, TrainingSettings.draw(random, train));
    }

    static Parameters parse(String taskName) {
        NameReader reader = new NameReader(taskName, PREFIX, FORM);
        int classes = reader.integer("c");
        int dimension = reader.integer("d");
        double separation = reader.number("sep");
        int train = reader.integer("n");
        long seed = reader.seed("s");
        String model = reader.model();
        TrainingSettings training = reader.training();
        reader.end();
        return new Parameters(classes, dimension, separation, train, seed, model, training);
    }
}
