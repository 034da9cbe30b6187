package dev.psi.train.task.family;

import dev.psi.train.task.TaskSpec;
import java.util.Objects;

/**
 * One task of a suite.
 *
 * @param family the family that generated it, {@code built-in} for a built-in task, or {@code spec} for a spec
 *     file listed as it is
 * @param task the task
 * @param source what a worker process passes to {@link dev.psi.train.task.Tasks#resolve} to rebuild the task:
 *     a built-in or generated name, a spec file's absolute path, or {@code FILE#settings}
 */
public record SuiteTask(String family, TaskSpec task, String source) {

    public SuiteTask {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(source, "source");
    }
}
