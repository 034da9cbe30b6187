package dev.psi.train.task.family;

import dev.psi.core.spec.Spec;
import dev.psi.train.data.NoisyQuadratic;
import dev.psi.train.data.Numbers;
import dev.psi.train.task.DataSource;
import dev.psi.train.task.TaskSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Noisy quadratics ({@link NoisyQuadratic}, the model of Zhang et al. 2019): linear regression under squared
 * error whose curvatures span a drawn number of decades (the condition number is 10 to that power), with a drawn
 * dimension and target noise, so the loss floor noise² is known exactly.
 *
 * <p>Names: {@code nq-d<dimension>-k<decades>-sd<noise>-n<train>-s<task seed>-<opt>-b<batch>-e<epochs>}. The
 * generating seed is the task seed.
 */
public final class NoisyQuadraticFamily extends ParametricFamily<NoisyQuadraticFamily.Parameters> {

    public static final String NAME = "noisy-quadratic";
    static final String PREFIX = "nq";
    private static final String FORM = "nq-d<dimension>-k<decades>-sd<noise>-n<train>-s<seed>-<opt>-b<batch>-e<epochs>";
    private static final String RANGES =
            "dimension 10, 20, 50, 100; conditioning 10^1 to 10^4 (decades 1-4); noise 0.1, 0.3, 0.5, 1; "
            + "train 1000, 2000, 4000; model linear, loss se";
    private static final Spec LINEAR = Spec.parse("linear");

    /**
     * The parameters of one task.
     *
     * @param dimension inputs
     * @param decades powers of ten the curvatures span (condition number {@code 10^decades})
     * @param noise standard deviation of the target noise
     * @param trainSize training examples
     * @param taskSeed fixes the optimum and the validation and test sets
     * @param training optimizer, batch size and epochs
     */
    public record Parameters(int dimension, double decades, double noise, int trainSize, long taskSeed,
            TrainingSettings training) {

        /** The canonical name. */
        public String name() {
            return String.format(Locale.ROOT, "%s-d%d-k%s-sd%s-n%d-s%d-%s", PREFIX, dimension, Numbers.format(decades),
                    Numbers.format(noise), trainSize, taskSeed, training.token());
        }

        /** The data and the settings as a task; the model is linear, as the noisy quadratic model has it. */
        public TaskSpec task() {
            NoisyQuadratic data = new NoisyQuadratic(dimension, decades, noise, trainSize, Draws.HELD_OUT,
                    taskSeed);
            return new TaskSpec(name(), data.describe() + "; model linear", new DataSource.Synthetic(data), LINEAR,
                    training.optimizer().spec(), training.batchSize(), training.epochs(), Optional.empty());
        }
    }

    /** The family of {@link #draw}, {@link #parse} and {@link Parameters#task}. */
    public NoisyQuadraticFamily() {
        super(NAME, PREFIX, RANGES, NoisyQuadraticFamily::draw, NoisyQuadraticFamily::parse, Parameters::task);
    }

    /** The parameters {@code seed} draws. */
    public static Parameters draw(long seed) {
        Random random = Draws.random(NAME, seed);
        int dimension = Draws.pick(random, List.of(10, 20, 50, 100));
        double decades = 1 + random.nextInt(4);
        double noise = Draws.pick(random, List.of(0.1, 0.3, 0.5, 1.0));
        int train = Draws.pick(random, List.of(1000, 2000, 4000));
        return new Parameters(dimension, decades, noise, train, seed, TrainingSettings.draw(random, train));
    }

    static Parameters parse(String taskName) {
        NameReader reader = new NameReader(taskName, PREFIX, FORM);
        int dimension = reader.integer("d");
        double decades = reader.number("k");
        double noise = reader.number("sd");
        int train = reader.integer("n");
        long seed = reader.seed("s");
        TrainingSettings training = reader.training();
        reader.end();
        return new Parameters(dimension, decades, noise, train, seed, training);
    }
}
