package dev.psi.train.task.family;

import dev.psi.train.task.TaskSpec;

/**
 * A generator of tasks from parameters: the same family and seed always give the same task (its name, data
 * parameters, model, optimizer, batch size and epochs), and different seeds give different tasks drawn from the
 * family's ranges.
 *
 * <p>A generated task's name spells out all of its parameters, e.g.
 * {@code ts-ce-i20-w32-d2-c4-ln0.1-n2000-s17-sgdm-b64-e12}: the family's {@link #prefix}, its data and model
 * parameters, then the {@link TrainingSettings}. {@link #resolve} parses such a name back into the task, so a
 * worker process can rebuild a generated task from its name alone (through
 * {@link dev.psi.train.task.Tasks#resolve}), with no suite file and no shared state; a name is canonical (the
 * name of the task it resolves to) or it is refused with the canonical spelling.
 *
 * <p>Families built from a user's spec file ({@link SpecFileFamily}) cannot put the file in a name; their tasks
 * travel to workers as {@link #source}: the spec file's absolute path followed by {@code #} and the settings.
 */
public interface TaskFamily {

    /** The family's name in suites and listings, e.g. {@code teacher-student}. */
    String name();

    /** The first token of the names of its tasks, e.g. {@code ts}. */
    String prefix();

    /** One line saying what the family varies and over which ranges, for listings and help. */
    String ranges();

    /** The task drawn by {@code seed}. */
    TaskSpec generate(long seed);

    /**
     * The task a name of this family describes.
     *
     * @throws dev.psi.core.spec.SpecException if the name is malformed or not canonical, naming the problem and
     *     the form names take
     */
    TaskSpec resolve(String taskName);

    /** What a worker process passes to {@link dev.psi.train.task.Tasks#resolve} to rebuild {@code task}: its name. */
    default String source(TaskSpec task) {
        return task.name();
    }
}
