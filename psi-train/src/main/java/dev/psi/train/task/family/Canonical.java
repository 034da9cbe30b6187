package dev.psi.train.task.family;

import dev.psi.core.spec.Echo;
import dev.psi.core.spec.SpecException;
import dev.psi.train.data.DataException;
import dev.psi.train.task.TaskSpec;
import java.util.function.Supplier;

/** Turns parsed parameters into a task, insisting that the name was the canonical one. */
final class Canonical {

    private Canonical() {
    }

    /**
     * The task {@code parse} reads from {@code name}, whose name must be {@code name} itself: a name spelt
     * differently ({@code n0.50}, a zero label noise written out) would put one task under two keys in the store.
     *
     * @throws SpecException for a malformed or non-canonical name, or parameters out of range
     */
    static TaskSpec task(String name, Supplier<TaskSpec> parse) {
        TaskSpec task;
        try {
            task = parse.get();
        } catch (DataException | IllegalArgumentException e) {
            if (e instanceof SpecException spec) {
                throw spec;
            }
            throw new SpecException("task name " + Echo.quote(name) + ": " + e.getMessage());
        }
        if (!task.name().equals(name)) {
            throw new SpecException("task name " + Echo.quote(name) + " is not canonical; the task it describes is "
                    + "named " + task.name());
        }
        return task;
    }
}
