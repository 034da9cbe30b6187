package dev.psi.train.task.family;

import dev.psi.train.task.TaskSpec;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * A family whose tasks are a record of parameters: drawn from a seed, read back from a task's name, and made into
 * the task. The built-in families differ only in those three functions and their names; this holds the rest, so
 * that every one generates and resolves the same way (a name must be canonical, {@link Canonical}).
 *
 * @param <P> the family's parameters
 */
abstract class ParametricFamily<P> implements TaskFamily {

    private final String name;
    private final String prefix;
    private final String ranges;
    private final LongFunction<P> draw;
    private final Function<String, P> parse;
    private final Function<P, TaskSpec> task;

    /**
     * @param name the family's name, e.g. {@code spirals}
     * @param prefix the first token of its tasks' names, e.g. {@code sp}
     * @param ranges what it varies over which ranges, one line
     * @param draw the parameters a seed draws
     * @param parse the parameters a task's name spells, refusing a malformed name
     * @param task the task of some parameters
     */
    ParametricFamily(String name, String prefix, String ranges, LongFunction<P> draw, Function<String, P> parse,
            Function<P, TaskSpec> task) {
        this.name = Objects.requireNonNull(name, "name");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.ranges = Objects.requireNonNull(ranges, "ranges");
        this.draw = Objects.requireNonNull(draw, "draw");
        this.parse = Objects.requireNonNull(parse, "parse");
        this.task = Objects.requireNonNull(task, "task");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String prefix() {
        return prefix;
    }

    @Override
    public final String ranges() {
        return ranges;
    }

    @Override
    public final TaskSpec generate(long seed) {
        return task.apply(draw.apply(seed));
    }

    @Override
    public final TaskSpec resolve(String taskName) {
        return Canonical.task(taskName, () -> task.apply(parse.apply(taskName)));
    }
}
