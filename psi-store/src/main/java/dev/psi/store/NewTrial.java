package dev.psi.store;

import java.util.Objects;

/**
 * A trial about to start, as {@link TrialStore#start(NewTrial)} records it. Built with {@link #builder()}:
 * the optional parts (study, training subset, host, configuration) are left out rather than passed as
 * {@code null}.
 *
 * @param study name of a study stored by {@link Catalog#ensureStudy}, or {@code null} for a trial outside
 *     any study
 * @param task name of a task stored by {@link Catalog#ensureTask}
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

    /** A builder with nothing set: task, controller, optimizer, epochs and batch size must be; the seed is 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this trial's parts, to change some. */
    public Builder toBuilder() {
        return new Builder().study(study).task(task).controller(controller).optimizer(optimizer).seed(seed)
                .epochs(epochs).batchSize(batchSize).trainSize(trainSize).host(host).configJson(configJson);
    }

    /** Collects a {@link NewTrial} part by part; {@link #build()} checks it as the record does. */
    public static final class Builder {

        private String study;
        private String task;
        private String controller;
        private String optimizer;
        private long seed;
        private int epochs;
        private int batchSize;
        private Integer trainSize;
        private String host;
        private String configJson;

        private Builder() {
        }

        /** The study the trial belongs to; {@code null} (the default) for none. */
        public Builder study(String study) {
            this.study = study;
            return this;
        }

        public Builder task(String task) {
            this.task = task;
            return this;
        }

        public Builder controller(String controller) {
            this.controller = controller;
            return this;
        }

        public Builder optimizer(String optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** The training subset; {@code null} (the default) for all examples. */
        public Builder trainSize(Integer trainSize) {
            this.trainSize = trainSize;
            return this;
        }

        /** The process that runs the trial, {@code machine:pid}; {@code null} (the default) if unknown. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The trial's full configuration as JSON; {@code null} (the default) for none. */
        public Builder configJson(String configJson) {
            this.configJson = configJson;
            return this;
        }

        /**
         * The trial.
         *
         * @throws NullPointerException if the task, controller or optimizer is not set
         * @throws IllegalArgumentException if the epochs or batch size are not set or below 1
         */
        public NewTrial build() {
            return new NewTrial(study, task, controller, optimizer, seed, epochs, batchSize, trainSize, host,
                    configJson);
        }
    }
}
