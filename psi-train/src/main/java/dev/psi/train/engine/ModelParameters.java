package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.psi.train.optim.TensorCopy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The trainable tensors of a trial's network (weights and biases, in the block's order): what the optimizer
 * updates, the signals are measured on, and a checkpoint copies out and back.
 *
 * <p>Two forms. The block's own tensors, whose gradients autograd leaves in them ({@link NDArray#getGradient()});
 * or, for a network whose gradients come from {@link ScriptedPerceptron}, {@link #packed} copies: views of one flat
 * tensor, with a flat gradient tensor of the same {@link PackedLayout} beside it into which the program writes, so
 * that an optimizer whose rule is element by element updates the whole model at once ({@link Packed}). The block's
 * own tensors are then no longer the model's: only the views are read and trained.
 */
final class ModelParameters {

    private static final NDIndex ALL = new NDIndex("...");

    private final List<NDArray> arrays;
    private final Optional<Packed> packed;

    private ModelParameters(List<NDArray> arrays, Optional<Packed> packed) {
        this.arrays = List.copyOf(arrays);
        this.packed = packed;
    }

    /** The tensors of {@code block}, which must be initialized. */
    static ModelParameters of(Block block) {
        List<NDArray> arrays = new ArrayList<>();
        for (Parameter parameter : block.getParameters().values()) {
            arrays.add(parameter.getArray());
        }
        return new ModelParameters(arrays, Optional.empty());
    }

    /**
     * The tensors of {@code block}, which must be initialized, copied into one flat tensor of {@code manager}, and a
     * zeroed flat tensor of the same layout for their gradients.
     */
    static ModelParameters packed(Block block, NDManager manager) {
        List<NDArray> originals = of(block).arrays();
        PackedLayout layout = PackedLayout.of(originals);
        NDArray values = manager.zeros(new Shape(layout.length()), DataType.FLOAT32);
        List<NDArray> views = layout.views(values);
        for (int i = 0; i < views.size(); i++) {
            // Detached: in a thread whose grad mode is on, copying a tensor that requires a gradient is recorded.
            try (NDArray original = originals.get(i).stopGradient()) {
                views.get(i).set(ALL, original);
            }
        }
        NDArray gradients = manager.zeros(new Shape(layout.length()), DataType.FLOAT32);
        return new ModelParameters(views, Optional.of(new Packed(layout, values, gradients, layout.views(gradients))));
    }

    /** The parameter tensors, in order. */
    List<NDArray> arrays() {
        return arrays;
    }

    /** The flat tensors these parameters and their gradients are views of; empty for a block's own tensors. */
    Optional<Packed> packed() {
        return packed;
    }

    /** Number of scalar parameters. */
    long count() {
        long count = 0;
        for (NDArray array : arrays) {
            count += array.size();
        }
        return count;
    }

    /** The parameters copied out of native memory, each with its own shape whatever the form. */
    List<TensorCopy> copies() {
        List<TensorCopy> copies = new ArrayList<>(arrays.size());
        for (NDArray array : arrays) {
            copies.add(TensorCopy.of(array));
        }
        return copies;
    }

    /**
     * Checks that {@code copies} fit these parameters, one by one in number and shape, before anything is copied.
     *
     * @throws IllegalArgumentException naming the first that does not fit (another model or data shape)
     */
    void checkFits(List<TensorCopy> copies) {
        if (copies.size() != arrays.size()) {
            throw new IllegalArgumentException("the checkpoint has " + copies.size()
                    + " parameter tensors, the model " + arrays.size());
        }
        for (int i = 0; i < arrays.size(); i++) {
            long[] expected = arrays.get(i).getShape().getShape();
            if (!Arrays.equals(copies.get(i).shape(), expected)) {
                throw new IllegalArgumentException("checkpoint parameter " + i + " has shape "
                        + Arrays.toString(copies.get(i).shape()) + ", the model " + Arrays.toString(expected));
            }
        }
    }

    /** Overwrites the parameters with {@code copies}, which {@link #checkFits fit}. */
    void copyFrom(List<TensorCopy> copies) {
        for (int i = 0; i < arrays.size(); i++) {
            copies.get(i).copyInto(arrays.get(i));
        }
    }

    /**
     * The flat tensors of packed parameters.
     *
     * @param layout where each parameter lies in them
     * @param values every parameter
     * @param gradients every parameter's gradient, written by {@link ScriptedPerceptron} at each step
     * @param gradientViews each parameter's gradient, a view of {@code gradients}
     */
    record Packed(PackedLayout layout, NDArray values, NDArray gradients, List<NDArray> gradientViews) {

        Packed {
            gradientViews = List.copyOf(gradientViews);
        }
    }
}
