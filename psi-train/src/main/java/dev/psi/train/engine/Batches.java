package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDManager;
import java.util.Arrays;

/**
 * The batches of an epoch, taken from the training tensors in the epoch's order, by whichever of two ways
 * costs less for the data's size. Both give the same rows in the same order, so the same numbers.
 *
 * <ul>
 *   <li>Small training sets (at most {@value #COPY_LIMIT_BYTES} bytes of features) whose batches start on
 *       {@value #ALIGNMENT}-byte boundaries of a copy: the whole set is gathered
 *       once per epoch into a shuffled copy (by {@link ScriptedRows} too, unless the batches go into autograd), and
 *       each batch is a slice of it: a view, one native call per tensor, or none when {@link ScriptedPerceptron}
 *       slices. Measured on 2000 × 64 features, batch 16: 1.5 µs per slice against 7.7 µs per gather (which
 *       also makes an index tensor), for an extra 0.1 ms per epoch.</li>
 *   <li>Large ones (Fashion-MNIST's 188 MB): each batch is one gather by index (of features and targets together,
 *       {@link ScriptedRows}, unless the batch goes into autograd). A shuffled copy of the whole set costs more
 *       than it saves there (measured: 150 ms per epoch, page faults of a fresh 188 MB tensor included, against
 *       32 ms for 469 batch gathers).</li>
 * </ul>
 *
 * <p>The alignment condition keeps the numbers independent of the way: a batch gathered by index is a fresh
 * tensor, which libtorch aligns to {@value #ALIGNMENT} bytes, and BLAS libraries may take other code paths
 * (another order of additions) for data aligned otherwise. A slice starting at a multiple of the batch's bytes
 * is aligned alike exactly when those bytes are a multiple of {@value #ALIGNMENT}.
 *
 * <p>Lifecycle: {@link #begin} with each epoch's order (again for a retried epoch), then {@link #features} and
 * {@link #targets} for each batch inside the step's {@link NDScope}, which frees the batch; {@link #close} frees
 * the epoch's copy. Confined to the trial's thread.
 */
final class Batches implements AutoCloseable {

    /** Feature bytes up to which an epoch's shuffled copy is made. */
    static final long COPY_LIMIT_BYTES = 8L << 20;

    /** libtorch's alignment of the CPU tensors it allocates (c10's {@code gAlignment}). */
    static final int ALIGNMENT = 64;

    private final NDManager manager;
    private final NDArray features;
    private final NDArray targets;
    private final boolean copies;
    /**
     * Gathers the batches of a large set, or the epoch's copy of a small one, for a trial whose gradients come from a
     * program; null when the batches go into autograd, which refuses the program's inference tensors.
     */
    private final ScriptedRows rows;
    private long[] order;
    private NDArray epochFeatures;
    private NDArray epochTargets;
    /** The targets of the batch in the step being taken (gather mode), gathered by {@link #features}. */
    private NDArray batchTargets;
    private int batchFrom = -1;

    /**
     * The batches of {@code batchSize} rows of {@code features} and {@code targets}.
     *
     * @param autograd whether the batches go into libtorch's autograd, which refuses to save the inference tensors
     *     that {@link ScriptedRows} gathers: then large sets are gathered through DJL
     */
    Batches(NDManager manager, NDArray features, NDArray targets, int batchSize, boolean autograd) {
        this.manager = manager;
        this.features = features;
        this.targets = targets;
        this.copies = copies(features.getShape().getShape(), features.getDataType().getNumOfBytes(), batchSize);
        this.rows = autograd ? null : new ScriptedRows((PtNDManager) manager, features, targets);
    }

    /**
     * Whether a training tensor of {@code shape} with {@code elementBytes} per value is small enough for a
     * per-epoch copy, and batches of {@code batchSize} rows of it start aligned in one.
     */
    static boolean copies(long[] shape, int elementBytes, int batchSize) {
        long rowBytes = elementBytes;
        for (int d = 1; d < shape.length; d++) {
            rowBytes *= shape[d];
        }
        return shape[0] * rowBytes <= COPY_LIMIT_BYTES && batchSize * rowBytes % ALIGNMENT == 0;
    }

    /** Whether batches are slices of a per-epoch copy rather than gathers. */
    boolean copies() {
        return copies;
    }

    /** Starts an epoch whose examples come in {@code order} (indices into the training tensors). */
    void begin(long[] order) {
        this.order = order;
        this.batchFrom = -1;
        closeCopy();
        if (copies) {
            try (NDScope scope = new NDScope()) {
                NDArray index = manager.create(order);
                NDArray[] copy = rows == null
                        ? new NDArray[] {features.get(index), targets.get(index)} : rows.of(index);
                epochFeatures = keep(copy[0]);
                epochTargets = keep(copy[1]);
            }
        }
    }

    /** The epoch's shuffled copy of the features, of which {@link #features} slices; only when {@link #copies}. */
    NDArray epochFeatures() {
        return epochFeatures;
    }

    /** The epoch's shuffled copy of the targets, of which {@link #targets} slices; only when {@link #copies}. */
    NDArray epochTargets() {
        return epochTargets;
    }

    /** The features of the examples at positions [from, to) of the epoch's order. */
    NDArray features(int from, int to) {
        if (copies) {
            return epochFeatures.get(new NDIndex().addSliceDim(from, to));
        }
        NDArray index = manager.create(Arrays.copyOfRange(order, from, to));
        batchFrom = from;
        if (rows == null) {
            batchTargets = targets.get(index);
            return features.get(index);
        }
        NDArray[] batch = rows.of(index);
        batchTargets = batch[1];
        return batch[0];
    }

    /** The targets of the same examples; call after {@link #features} with the same bounds, in the same step. */
    NDArray targets(int from, int to) {
        if (copies) {
            return epochTargets.get(new NDIndex().addSliceDim(from, to));
        }
        if (batchFrom != from) {
            throw new IllegalStateException("targets(" + from + ", " + to + ") without features() of that batch");
        }
        return batchTargets;
    }

    @Override
    public void close() {
        closeCopy();
        if (rows != null) {
            rows.close();
        }
    }

    private void closeCopy() {
        if (epochFeatures != null) {
            epochFeatures.close();
            epochTargets.close();
            epochFeatures = null;
            epochTargets = null;
        }
    }

    /** Takes a tensor out of the scope it was made in: it lives until the next epoch or {@link #close}. */
    private static NDArray keep(NDArray array) {
        NDScope.unregister(array);
        return array;
    }
}
