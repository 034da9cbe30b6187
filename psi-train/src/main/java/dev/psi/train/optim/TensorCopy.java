package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * A tensor's values copied out of native memory, so that a checkpoint stays valid whatever happens to
 * the tensors it was taken from.
 */
public record TensorCopy(long[] shape, float[] values) {

    private static final NDIndex ALL = new NDIndex(":");

    public static TensorCopy of(NDArray array) {
        return new TensorCopy(array.getShape().getShape(), array.toFloatArray());
    }

    /** A new tensor with these values in {@code manager}. */
    public NDArray toArray(NDManager manager) {
        return manager.create(values, new Shape(shape));
    }

    /** Writes these values into an existing tensor of the same shape, in place. */
    public void copyInto(NDArray target) {
        // An indexed put: NDArray.set(float[]) goes through a libtorch path that prints a deprecation
        // warning to stderr on first use.
        try (NDArray source = toArray(target.getManager())) {
            target.set(ALL, source);
        }
    }
}
