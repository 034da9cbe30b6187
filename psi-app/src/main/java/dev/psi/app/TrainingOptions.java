package dev.psi.app;

import dev.psi.train.task.TaskSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that override a task's training settings — {@code --epochs}, {@code --batch-size},
 * {@code --train-size} and {@code --optimizer} — in every command that trains tasks. Unset, each is null
 * and the task's own setting holds.
 *
 * <p>The descriptions speak of one task ("the task's"). A command words them its own way, e.g. "each
 * task's" for a command over many tasks, in {@code TrainingOptions.properties} under the key
 * {@code psi.COMMAND.OPTION}, named in the command's {@code resourceBundle}. A command whose
 * {@code --optimizer} means something else (a list to search over) uses {@link Sizes} alone.
 */
final class TrainingOptions {

    /** The name of the resource bundle that rewords these options for a command. */
    static final String BUNDLE = "dev.psi.app.TrainingOptions";

    @Mixin
    Sizes sizes;

    @Option(names = "--optimizer", paramLabel = "SPEC",
            description = "Optimizer, e.g. 'SGD(momentum=0.9)' (default: the task's).")
    String optimizer;

    /** {@code --epochs}, {@code --batch-size} and {@code --train-size}. */
    static final class Sizes {

        @Option(names = "--epochs", paramLabel = "N", description = "Epoch budget (default: the task's).")
        Integer epochs;

        @Option(names = "--batch-size", paramLabel = "N", description = "Examples per step (default: the task's).")
        Integer batchSize;

        @Option(names = "--train-size", paramLabel = "N",
                description = "Train on a seeded random subset of N examples (default: all).")
        Integer trainSize;

        /** Rejects a value below 1; called with the other checks, before any work starts. */
        void check() {
            OptionChecks.positive("--epochs", epochs);
            OptionChecks.positive("--batch-size", batchSize);
            OptionChecks.positive("--train-size", trainSize);
        }

        /** The epoch budget: {@code --epochs}, else the task's. */
        int epochs(TaskSpec task) {
            return epochs == null ? task.epochs() : epochs;
        }

        /** Examples per step: {@code --batch-size}, else the task's. */
        int batchSize(TaskSpec task) {
            return batchSize == null ? task.batchSize() : batchSize;
        }
    }
}
