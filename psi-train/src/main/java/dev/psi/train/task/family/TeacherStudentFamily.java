package dev.psi.train.task.family;

import dev.psi.core.spec.Spec;
import dev.psi.train.data.Numbers;
import dev.psi.train.data.TeacherStudent;
import dev.psi.train.task.DataSource;
import dev.psi.train.task.TaskSpec;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Teacher-student MLPs ({@link TeacherStudent}): a student learns a random tanh teacher of a drawn width and
 * depth, either its class labels under cross-entropy (with label noise) or its real output under squared error
 * (with target noise). The student is a ReLU MLP of the teacher's depth and twice its width, so it can fit the
 * teacher and only optimization decides how close it gets.
 *
 * <p>Names: {@code ts-ce-i<inputs>-w<width>-d<depth>-c<classes>[-ln<label noise>]-n<train>-s<task seed>-<opt>-b<batch>-e<epochs>}
 * or {@code ts-se-i<inputs>-w<width>-d<depth>-sd<noise>-n<train>-s<task seed>-<opt>-b<batch>-e<epochs>}; the
 * label noise is left out when 0. The generating seed is the task seed.
 */
public final class TeacherStudentFamily extends ParametricFamily<TeacherStudentFamily.Parameters> {

    public static final String NAME = "teacher-student";
    static final String PREFIX = "ts";
    private static final String FORM = "ts-ce-i<inputs>-w<width>-d<depth>-c<classes>[-ln<label noise>]-n<train>-s<seed>"
            + "-<opt>-b<batch>-e<epochs> or ts-se-i<inputs>-w<width>-d<depth>-sd<noise>-n<train>-s<seed>-<opt>-b<batch>-e<epochs>";
    private static final String RANGES =
            "loss ce (70 %) or se; inputs 10, 20, 50; teacher width 16, 32, 64; depth 1-3; classes 2, 4, 8; "
            + "label noise 0, 0.05, 0.1, 0.2 or target noise 0, 0.1, 0.3; train 1000, 2000, 4000";

    /**
     * The parameters of one task.
     *
     * @param loss cross-entropy on the teacher's classes, or squared error on its output
     * @param inputs input dimension
     * @param width the teacher's hidden units per layer
     * @param depth the teacher's hidden layers
     * @param classes classes (cross-entropy), ignored and 0 for squared error
     * @param noise label noise fraction (cross-entropy) or target noise standard deviation (squared error)
     * @param trainSize training examples
     * @param taskSeed fixes the teacher and the validation and test sets
     * @param training optimizer, batch size and epochs
     */
    public record Parameters(Loss loss, int inputs, int width, int depth, int classes, double noise, int trainSize,
            long taskSeed, TrainingSettings training) {

        public Parameters {
            if (loss == Loss.SQUARED_ERROR && classes != 0) {
                throw new IllegalArgumentException("a squared-error teacher-student task has no classes, got " + classes);
            }
        }

        /** The canonical name. */
        public String name() {
            String noiseToken = loss == Loss.CROSS_ENTROPY ? (noise == 0 ? "" : "-ln" + Numbers.format(noise))
                    : "-sd" + Numbers.format(noise);
            String classesToken = loss == Loss.CROSS_ENTROPY ? "-c" + classes : "";
            return String.format(Locale.ROOT, "%s-%s-i%d-w%d-d%d%s%s-n%d-s%d-%s", PREFIX, loss.token(), inputs, width,
                    depth, classesToken, noiseToken, trainSize, taskSeed, training.token());
        }

        /** The data, the student and the settings as a task. */
        public TaskSpec task() {
            TeacherStudent data = new TeacherStudent(inputs, width, depth, classes, noise, trainSize, Draws.HELD_OUT,
                    taskSeed);
            Spec student = Spec.parse("mlp(hidden=" + Collections.nCopies(depth, 2 * width).toString().replace(" ", "")
                    + ",activation=relu)");
            return new TaskSpec(name(), data.describe() + "; student " + student, new DataSource.Synthetic(data),
                    student, training.optimizer().spec(), training.batchSize(), training.epochs(), Optional.empty());
        }
    }

    /** The family of {@link #draw}, {@link #parse} and {@link Parameters#task}. */
    public TeacherStudentFamily() {
        super(NAME, PREFIX, RANGES, TeacherStudentFamily::draw, TeacherStudentFamily::parse, Parameters::task);
    }

    /** The parameters {@code seed} draws. */
    public static Parameters draw(long seed) {
        Random random = Draws.random(NAME, seed);
        Loss loss = random.nextDouble() < 0.7 ? Loss.CROSS_ENTROPY : Loss.SQUARED_ERROR;
        int inputs = Draws.pick(random, List.of(10, 20, 50));
        int width = Draws.pick(random, List.of(16, 32, 64));
        int depth = 1 + random.nextInt(3);
        int classes = loss == Loss.CROSS_ENTROPY ? Draws.pick(random, List.of(2, 4, 8)) : 0;
        double noise = loss == Loss.CROSS_ENTROPY ? Draws.pick(random, List.of(0.0, 0.0, 0.05, 0.1, 0.2))
                : Draws.pick(random, List.of(0.0, 0.1, 0.3));
        int train = Draws.pick(random, List.of(1000, 2000, 4000));
        return new Parameters(loss, inputs, width, depth, classes, noise, train, seed,
                TrainingSettings.draw(random, train));
    }

    /** The parameters a name spells, without checking that it is canonical. */
    static Parameters parse(String taskName) {
        NameReader reader = new NameReader(taskName, PREFIX, FORM);
        Loss loss = Loss.of(reader.word(List.of(Loss.CROSS_ENTROPY.token(), Loss.SQUARED_ERROR.token())));
        int inputs = reader.integer("i");
        int width = reader.integer("w");
        int depth = reader.integer("d");
        int classes = 0;
        double noise;
        if (loss == Loss.CROSS_ENTROPY) {
            classes = reader.integer("c");
            noise = reader.has("ln") ? reader.number("ln") : 0;
        } else {
            noise = reader.number("sd");
        }
        int train = reader.integer("n");
        long taskSeed = reader.seed("s");
        TrainingSettings training = reader.training();
        reader.end();
        return new Parameters(loss, inputs, width, depth, classes, noise, train, taskSeed, training);
    }
}
