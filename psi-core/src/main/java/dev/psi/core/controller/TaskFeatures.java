package dev.psi.core.controller;

import java.io.Serializable;

/**
 * What describes a task to a controller that generalizes across tasks (the learned Ψ): the sizes of
 * the data and the model, the batch, and the optimizer family. Zero and an empty family mean unknown.
 *
 * @param datasetSize training examples
 * @param parameterCount model parameters
 * @param batchSize examples per optimizer step
 * @param optimizerFamily the optimizer spec's name, e.g. {@code SGD} or {@code Adam}
 */
public record TaskFeatures(long datasetSize, long parameterCount, int batchSize, String optimizerFamily)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Nothing known of the task. */
    public static final TaskFeatures UNKNOWN = new TaskFeatures(0, 0, 0, "");

    public TaskFeatures {
        if (datasetSize < 0 || parameterCount < 0 || batchSize < 0) {
            throw new IllegalArgumentException("task sizes must be >= 0");
        }
        optimizerFamily = optimizerFamily == null ? "" : optimizerFamily;
    }
}
