package dev.psi.train.data;

import java.util.OptionalDouble;

/**
 * A task whose data is generated from seeds: instant to make, and with structure that is known
 * exactly, so that what a learning-rate controller does can be checked against theory.
 *
 * <p>Two seeds play different roles. The <em>task seed</em>, part of the task's definition, fixes the
 * structure (the teacher network, the optimum) and the validation examples, so every trial of the
 * task is judged on the same problem and the same validation set. The <em>trial seed</em> given to
 * {@link #generate} draws the training examples. Training examples are drawn one after another from a
 * single stream, so for one trial seed a smaller training set is a prefix of a larger one.
 */
public sealed interface SyntheticTask permits TeacherStudent, NoisyQuadratic, GaussianMixture, Spirals {

    /** The generator's name in task specs, e.g. {@code teacher-student}. */
    String kind();

    /** Training examples when {@link #generate} is given 0. */
    int trainSize();

    /** Validation examples. */
    int valSize();

    /** The seed that fixes the task's structure and its validation set. */
    long taskSeed();

    /** One line for listings, naming the generator and its parameters. */
    String describe();

    /** The sizes {@link #generate} gives with the default training size. */
    DataShape shape();

    /**
     * Generates the examples of one trial.
     *
     * @param trainSize training examples: 0 for {@link #trainSize()}
     * @param seed the trial seed, which draws the training examples
     */
    DataSplit generate(int trainSize, long seed);

    /**
     * The least expected validation loss any model can reach, when the generator knows it (a regression task's
     * target noise); empty otherwise. The stochastic Polyak step needs it as f*: with f* = 0 on a task whose
     * floor is above 0 the step never shrinks near the optimum.
     */
    default OptionalDouble lossFloor() {
        return OptionalDouble.empty();
    }
}
