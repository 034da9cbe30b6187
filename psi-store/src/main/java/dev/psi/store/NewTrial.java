package dev.psi.store;

import java.util.Objects;

/**
 * A trial about to start, as {@link ResultStore#startTrial(NewTrial)} records it.
 *
 * @param study name of a study stored by {@link ResultStore#ensureStudy}, or {@code null} for a trial outside
 *     any study
 * @param task name of a task stored by {@link ResultStore#ensureTask}
 * @param controller controller spec, e.g. {@code StepLR(lr=0.1,step_size=30,gamma=0.1)}
 * @param optimizer optimizer spec, e.g. {@code SGD(momentum=0.9)}
 * @param seed random seed of the trial
 * @param epochs epoch budget
 * @param batchSize mini-batch size
 * @param trainSize number of training examples when the trial uses a subset, otherwise {@code null}
 * @param host name of the machine that runs the trial, or {@code null}
 * @param configJson the trial's full configuration as JSON, or {@code null}
 */
public record NewTrial(
        String study,
        String task,
        String controller,
        String optimizer,
        long seed,
        int epochs,
        int batchSize,
        Integer trainSize,
        String host,
        String configJson) {

    public NewTrial {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(optimizer, "optimizer");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (trainSize != null && trainSize < 1) {
            throw new IllegalArgumentException("trainSize must be at least 1 or null, got " + trainSize);
        }
    }
}
