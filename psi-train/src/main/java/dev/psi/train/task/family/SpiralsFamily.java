package dev.psi.train.task.family;

import dev.psi.train.data.Numbers;
import dev.psi.train.data.Spirals;
import dev.psi.train.task.DataSource;
import dev.psi.train.task.TaskSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Interleaved spirals ({@link Spirals}): a two-dimensional problem no linear model solves, with a drawn number
 * of arms, turns and noise, learned by an MLP of one or two hidden layers under cross-entropy.
 *
 * <p>Names: {@code sp-c<classes>-t<turns>-sd<noise>-n<train>-s<task seed>-<model>-<opt>-b<batch>-e<epochs>}.
 * The generating seed is the task seed.
 */
public final class SpiralsFamily extends ParametricFamily<SpiralsFamily.Parameters> {

    public static final String NAME = "spirals";
    static final String PREFIX = "sp";
    private static final String FORM = "sp-c<classes>-t<turns>-sd<noise>-n<train>-s<seed>-<model>-<opt>-b<batch>-e<epochs>";
    private static final String RANGES =
            "classes 2, 3, 4; turns 0.5, 1, 1.5; noise 0.02, 0.05, 0.1; train 1000, 2000, 4000; model "
            + "mlp32x32 or mlp64x64; loss ce";

    /**
     * The parameters of one task.
     *
     * @param classes arms and classes
     * @param turns full turns of an arm from the centre to radius 1
     * @param noise standard deviation of the noise on each coordinate
     * @param trainSize training examples
     * @param taskSeed fixes the validation and test sets
     * @param model a model token: {@code mlp32x32}, ...
     * @param training optimizer, batch size and epochs
     */
    public record Parameters(int classes, double turns, double noise, int trainSize, long taskSeed, String model,
            TrainingSettings training) {

        /** The canonical name. */
        public String name() {
            return String.format(Locale.ROOT, "%s-c%d-t%s-sd%s-n%d-s%d-%s-%s", PREFIX, classes, Numbers.format(turns),
                    Numbers.format(noise), trainSize, taskSeed, model, training.token());
        }

        /** The data, the model and the settings as a task. */
        public TaskSpec task() {
            Spirals data = new Spirals(classes, turns, noise, trainSize, Draws.HELD_OUT, taskSeed);
            return new TaskSpec(name(), data.describe() + "; model " + NameReader.modelSpec(model),
                    new DataSource.Synthetic(data), NameReader.modelSpec(model), training.optimizer().spec(),
                    training.batchSize(), training.epochs(), Optional.empty());
        }
    }

    /** The family of {@link #draw}, {@link #parse} and {@link Parameters#task}. */
    public SpiralsFamily() {
        super(NAME, PREFIX, RANGES, SpiralsFamily::draw, SpiralsFamily::parse, Parameters::task);
    }

    /** The parameters {@code seed} draws. */
    public static Parameters draw(long seed) {
        Random random = Draws.random(NAME, seed);
        int classes = 2 + random.nextInt(3);
        double turns = Draws.pick(random, List.of(0.5, 1.0, 1.5));
        double noise = Draws.pick(random, List.of(0.02, 0.05, 0.1));
        int train = Draws.pick(random, List.of(1000, 2000, 4000));
        String model = Draws.pick(random, List.of("mlp32x32", "mlp64x64"));
        return new Parameters(classes, turns, noise, train, seed, model, TrainingSettings.draw(random, train));
    }

    static Parameters parse(String taskName) {
        NameReader reader = new NameReader(taskName, PREFIX, FORM);
        int classes = reader.integer("c");
        double turns = reader.number("t");
        double noise = reader.number("sd");
        int train = reader.integer("n");
        long seed = reader.seed("s");
        String model = reader.model();
        TrainingSettings training = reader.training();
        reader.end();
        return new Parameters(classes, turns, noise, train, seed, model, training);
    }
}
