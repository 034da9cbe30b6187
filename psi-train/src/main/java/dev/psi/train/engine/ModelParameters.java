package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.psi.train.optim.TensorCopy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The trainable tensors of a trial's network (weights and biases, in the block's order): what the optimizer
 * updates, the signals are measured on, and a checkpoint copies out and back.
 */
final class ModelParameters {

    private final List<Parameter> parameters;

    /** The parameters of {@code block}, which must be initialized. */
    ModelParameters(Block block) {
        this.parameters = new ArrayList<>(block.getParameters().values());
    }

    /** The parameter tensors, in order; the gradients are theirs ({@link NDArray#getGradient()}). */
    List<NDArray> arrays() {
        List<NDArray> arrays = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            arrays.add(parameter.getArray());
        }
        return arrays;
    }

    /** Number of scalar parameters. */
    long count() {
        long count = 0;
        for (Parameter parameter : parameters) {
            count += parameter.getArray().size();
        }
        return count;
    }

    /** The parameters copied out of native memory. */
    List<TensorCopy> copies() {
        List<TensorCopy> copies = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            copies.add(TensorCopy.of(parameter.getArray()));
        }
        return copies;
    }

    /**
     * Checks that {@code copies} fit these parameters, one by one in number and shape, before anything is copied.
     *
     * @throws IllegalArgumentException naming the first that does not fit (another model or data shape)
     */
    void checkFits(List<TensorCopy> copies) {
        if (copies.size() != parameters.size()) {
            throw new IllegalArgumentException("the checkpoint has " + copies.size()
                    + " parameter tensors, the model " + parameters.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            long[] expected = parameters.get(i).getArray().getShape().getShape();
            if (!Arrays.equals(copies.get(i).shape(), expected)) {
                throw new IllegalArgumentException("checkpoint parameter " + i + " has shape "
                        + Arrays.toString(copies.get(i).shape()) + ", the model " + Arrays.toString(expected));
            }
        }
    }

    /** Overwrites the parameters with {@code copies}, which {@link #checkFits fit}. */
    void copyFrom(List<TensorCopy> copies) {
        for (int i = 0; i < parameters.size(); i++) {
            copies.get(i).copyInto(parameters.get(i).getArray());
        }
    }
}
