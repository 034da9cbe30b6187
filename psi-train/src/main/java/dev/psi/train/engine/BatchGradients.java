package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A batch's mean loss, a scalar tensor, and the gradient of each model parameter, in the parameters' order: read-only,
 * and valid during the step. From {@link ScriptedPerceptron} the loss is an inference tensor, which refuses in-place
 * changes, and the gradients are views of the packed gradient tensor, which the next step overwrites.
 */
record BatchGradients(NDArray loss, List<NDArray> gradients) {
}
