package dev.psi.lab.surface;

import dev.psi.core.spec.Spec;
import dev.psi.train.optim.Optimizers;
import dev.psi.train.task.TaskSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a sampling study trains: every task × seed (× rate, for a grid) is one trial, run in that order.
 *
 * @param study the study's name; rerunning a plan under the same name resumes it
 * @param tasks the tasks, at least one, each once
 * @param mode how α is chosen
 * @param seeds trials per task (and rate), with seeds 1, 2, ..., {@code seeds}
 * @param epochs the epoch budget of every trial, or empty for each task's own
 * @param trainSize train on a seeded subset of this many examples, or empty for all
 * @param batchSize examples per step, or empty for each task's own
 * @param optimizer the optimizer of every trial, or empty for each task's own
 */
public record SamplingPlan(
        String study,
        List<TaskSpec> tasks,
        SamplingMode mode,
        int seeds,
        OptionalInt epochs,
        OptionalInt trainSize,
        OptionalInt batchSize,
        Optional<Spec> optimizer) {

    public SamplingPlan {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(trainSize, "trainSize");
        Objects.requireNonNull(batchSize, "batchSize");
        Objects.requireNonNull(optimizer, "optimizer");
        tasks = List.copyOf(tasks);
        if (study.isBlank()) {
            throw new IllegalArgumentException("--study needs a name");
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("--tasks needs at least one task");
        }
        if (tasks.stream().map(TaskSpec::name).distinct().count() != tasks.size()) {
            throw new IllegalArgumentException("--tasks names a task twice: "
                    + tasks.stream().map(TaskSpec::name).toList());
        }
        requirePositive("--seeds", OptionalInt.of(seeds));
        requirePositive("--epochs", epochs);
        requirePositive("--train-size", trainSize);
        requirePositive("--batch-size", batchSize);
        if (mode instanceof SamplingMode.Schedules schedules) {
            // A range given on one side only may not fit a task's default rate: say so before anything runs.
            for (TaskSpec task : tasks) {
                schedules.low(Optimizers.defaultLearningRate(optimizer.orElse(task.optimizer())));
            }
        }
    }

    /** The epoch budget of a trial of {@code task}. */
    int epochsOf(TaskSpec task) {
        return epochs.orElse(task.epochs());
    }

    /** The batch size of a trial of {@code task}. */
    int batchSizeOf(TaskSpec task) {
        return batchSize.orElse(task.batchSize());
    }

    /** The optimizer of a trial of {@code task}. */
    Spec optimizerOf(TaskSpec task) {
        return optimizer.orElse(task.optimizer());
    }

    private static void requirePositive(String option, OptionalInt value) {
        if (value.isPresent() && value.getAsInt() < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + value.getAsInt());
        }
    }
}
