package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A batch's mean loss (the value of its float32 tensor) and the gradient of each model parameter, in the parameters'
 * order: read-only, and valid during the step. From {@link ScriptedPerceptron} the gradients are views of the packed
 * gradient tensor, which the next step overwrites.
 */
record BatchGradients(double loss, List<NDArray> gradients) {
}
