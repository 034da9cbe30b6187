package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.psi.train.optim.OptimizerState;
import dev.psi.train.optim.TensorCopy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where each of several float32 tensors lies in one flat tensor that holds them all: a model's parameters, or their
 * gradients, packed so that an optimizer whose rule is element by element updates every parameter in one native call
 * per op instead of one per op and parameter (on a small network the update is per-call overhead, not arithmetic).
 *
 * <p>Each part starts on a {@value Batches#ALIGNMENT}-byte boundary of the flat tensor, as a tensor of its own does
 * (libtorch aligns the tensors it allocates to that): BLAS libraries may take another code path, with another order of
 * additions, for data aligned otherwise, and a part must give the numbers the tensor it replaces gave. No view covers
 * the padding between parts, and nothing reads it: it starts at zero, but an optimizer run on the whole flat tensor
 * computes there too (Adam with {@code eps=0} makes it 0/0, NaN), so a reduction over a flat tensor must go part by
 * part, over the {@link #views}, as the signals do.
 *
 * @param shapes the parts' shapes, in order
 */
record PackedLayout(List<Shape> shapes) {

    private static final int ALIGNED_FLOATS = Batches.ALIGNMENT / Float.BYTES;

    PackedLayout {
        shapes = List.copyOf(shapes);
    }

    /** The layout of tensors of the shapes of {@code tensors}, in order. */
    static PackedLayout of(List<NDArray> tensors) {
        return new PackedLayout(tensors.stream().map(NDArray::getShape).toList());
    }

    /** The flat tensor's length: every part, each padded to the next aligned start. */
    long length() {
        return offset(shapes.size());
    }

    /** Where part {@code index} starts in the flat tensor; {@code offset(shapes().size())} is the length. */
    long offset(int index) {
        long offset = 0;
        for (int i = 0; i < index; i++) {
            offset += (shapes.get(i).size() + ALIGNED_FLOATS - 1) / ALIGNED_FLOATS * ALIGNED_FLOATS;
        }
        return offset;
    }

    /**
     * Each part of {@code flat}, a tensor of {@link #length()} values, as a view of its own shape: a change through
     * a view is a change of {@code flat}, and the reverse. The views belong to {@code flat}'s scope or manager.
     */
    List<NDArray> views(NDArray flat) {
        List<NDArray> views = new ArrayList<>(shapes.size());
        for (int i = 0; i < shapes.size(); i++) {
            long from = offset(i);
            views.add(flat.get(new NDIndex().addSliceDim(from, from + shapes.get(i).size())).reshape(shapes.get(i)));
        }
        return views;
    }

    /** The parts' values as one copy of the flat tensor (zeros between them). */
    TensorCopy pack(List<TensorCopy> parts) {
        if (parts.size() != shapes.size()) {
            throw new IllegalArgumentException(parts.size() + " tensors for a layout of " + shapes.size());
        }
        float[] values = new float[Math.toIntExact(length())];
        for (int i = 0; i < parts.size(); i++) {
            if (!Arrays.equals(parts.get(i).shape(), shapes.get(i).getShape())) {
                throw new IllegalArgumentException("tensor " + i + " has shape " + Arrays.toString(parts.get(i).shape())
                        + ", the layout " + shapes.get(i));
            }
            float[] part = parts.get(i).values();
            System.arraycopy(part, 0, values, Math.toIntExact(offset(i)), part.length);
        }
        return new TensorCopy(new long[] {values.length}, values);
    }

    /**
     * The state of an optimizer that ran on the flat tensor, with each buffer split into its parts: the state the
     * optimizer would have had on the parts one by one. A state without buffers (before the first step) stays as it is.
     */
    OptimizerState unpack(OptimizerState flat) {
        if (flat.buffers().isEmpty()) {
            return flat;
        }
        if (flat.buffers().size() != 1) {
            throw new IllegalArgumentException("an optimizer state with buffers for " + flat.buffers().size()
                    + " tensors did not run on one packed tensor");
        }
        TensorCopy[] slots = flat.buffers().get(0);
        List<TensorCopy[]> parts = new ArrayList<>(shapes.size());
        for (int i = 0; i < shapes.size(); i++) {
            parts.add(new TensorCopy[slots.length]);
        }
        for (int slot = 0; slot < slots.length; slot++) {
            if (slots[slot] != null) {
                List<TensorCopy> split = unpack(slots[slot]);
                for (int i = 0; i < split.size(); i++) {
                    parts.get(i)[slot] = split.get(i);
                }
            }
        }
        return new OptimizerState(flat.steps(), parts, flat.scalars());
    }

    /**
     * The state of an optimizer that ran on the parts one by one (a checkpoint's), for the same optimizer run on the
     * flat tensor: each buffer packed. A state without buffers stays as it is.
     *
     * @throws IllegalArgumentException if the state has buffers for another number of tensors or of other shapes, or
     *     a buffer for some parts only
     */
    OptimizerState pack(OptimizerState parts) {
        if (parts.buffers().isEmpty()) {
            return parts;
        }
        if (parts.buffers().size() != shapes.size()) {
            throw new IllegalArgumentException("the optimizer state has buffers for " + parts.buffers().size()
                    + " tensors, the layout " + shapes.size());
        }
        int slots = parts.buffers().get(0).length;
        TensorCopy[] packed = new TensorCopy[slots];
        for (int slot = 0; slot < slots; slot++) {
            List<TensorCopy> buffers = new ArrayList<>(shapes.size());
            for (TensorCopy[] part : parts.buffers()) {
                if (part.length != slots) {
                    throw new IllegalArgumentException("the optimizer state has " + part.length
                            + " buffers for one tensor and " + slots + " for another");
                }
                buffers.add(part[slot]);
            }
            long present = buffers.stream().filter(Objects::nonNull).count();
            if (present != 0 && present != buffers.size()) {
                throw new IllegalArgumentException("the optimizer state has buffer " + slot + " for some tensors only");
            }
            packed[slot] = present == 0 ? null : pack(buffers);
        }
        return new OptimizerState(parts.steps(), List.<TensorCopy[]>of(packed), parts.scalars());
    }

    /** Each part of a copy of the flat tensor, with its own shape. */
    List<TensorCopy> unpack(TensorCopy flat) {
        if (!Arrays.equals(flat.shape(), new long[] {length()})) {
            throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(flat.shape())
                    + " is no packed tensor of length " + length());
        }
        List<TensorCopy> parts = new ArrayList<>(shapes.size());
        for (int i = 0; i < shapes.size(); i++) {
            int from = Math.toIntExact(offset(i));
            parts.add(new TensorCopy(shapes.get(i).getShape(),
                    Arrays.copyOfRange(flat.values(), from, from + Math.toIntExact(shapes.get(i).size()))));
        }
        return parts;
    }
}
