package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A batch's mean loss, a scalar tensor, and the gradient of each model parameter, in the parameters' order. Both are
 * read-only: from {@link ScriptedPerceptron} they are inference tensors, which refuse in-place changes.
 */
record BatchGradients(NDArray loss, List<NDArray> gradients) {
}
