package dev.psi.train.task;

import dev.psi.core.criteria.Target;
import dev.psi.core.spec.Spec;
import dev.psi.train.data.DataShape;
import dev.psi.train.data.DataSplit;
import java.util.Objects;
import java.util.Optional;

/**
 * A task: a dataset, a model, a default optimizer, a batch size and an epoch budget, and optionally
 * the validation target that defines convergence. Built in ({@link Tasks#builtIn}) or read from a spec
 * file ({@link TaskSpecReader}).
 *
 * <p>A {@code TaskSpec} is a description: creating one reads no data. Each trial calls {@link #load}
 * with its seed; the engine builds the model from {@link #model()} and the optimizer from
 * {@link #optimizer()} unless the command names another.
 *
 * @param name unique name, e.g. {@code fmnist-mlp}; used as the task's key in the store
 * @param description one line for listings
 * @param data where the examples come from
 * @param model the model spec: {@code linear}, {@code mlp(hidden=[64],activation=relu)}, {@code cnn(channels=[16,32])}
 * @param optimizer the default optimizer spec, e.g. {@code SGD(momentum=0.9)}; the learning rate comes from the controller
 * @param batchSize examples per optimizer step
 * @param epochs the epoch budget of one trial
 * @param target the validation target, or empty to calibrate one
 * @param evalEvery optimizer steps between evaluations on the fixed validation subset (spec key
 *     {@code eval_every}), or 0 for the default of about 8 per epoch
 *     ({@link dev.psi.train.engine.Trial#defaultEvalEvery})
 */
public record TaskSpec(String name, String description, DataSource data, Spec model, Spec optimizer, int batchSize,
        int epochs, Optional<Target> target, int evalEvery) {

    public TaskSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(target, "target");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a task needs a name");
        }
        if (batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("batch size and epochs must be >= 1, got " + batchSize + " and " + epochs);
        }
        if (evalEvery < 0) {
            throw new IllegalArgumentException("eval_every must be >= 1 (or 0 for the default), got " + evalEvery);
        }
    }

    /** A task evaluated on the validation subset as often as the default says. */
    public TaskSpec(String name, String description, DataSource data, Spec model, Spec optimizer, int batchSize,
            int epochs, Optional<Target> target) {
        this(name, description, data, model, optimizer, batchSize, epochs, target, 0);
    }

    /**
     * Loads the examples of one trial.
     *
     * @param trainSizeOrZero training examples: 0 for the task's default, else a seeded subset of this many
     * @param seed the trial seed
     * @throws dev.psi.train.data.DataException if the data is missing or malformed
     */
    public DataSplit load(int trainSizeOrZero, long seed) {
        return data.load(trainSizeOrZero, seed);
    }

    /** The sizes at the default training size, when known without reading files (built-ins and synthetic tasks). */
    public Optional<DataShape> shape() {
        return data.shape();
    }
}
