package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;

/**
 * The batches of an epoch, taken from the training tensors in the epoch's order, by whichever of two ways
 * costs less for the data's size. Both give the same rows in the same order, so the same numbers.
 *
 * <ul>
 *   <li>Small training sets (at most {@value #COPY_LIMIT_BYTES} bytes of features) whose batches start on
 *       {@value #ALIGNMENT}-byte boundaries of a copy: the whole set is gathered
 *       once per epoch into a shuffled copy, and each batch is a slice of it: a view, one native call per
 *       tensor. Measured on 2000 × 64 features, batch 16: 1.5 µs per slice against 7.7 µs per gather (which
 *       also makes an index tensor), for an extra 0.1 ms per epoch.</li>
 *   <li>Large ones (Fashion-MNIST's 188 MB): each batch is one gather by index. A shuffled copy of the whole
 *       set costs more than it saves there (measured: 150 ms per epoch, page faults of a fresh 188 MB
 *       tensor included, against 32 ms for 469 batch gathers).</li>
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
    private long[] order;
    private NDArray epochFeatures;
    private NDArray epochTargets;
    /** The index tensor of the batch in the step being taken (gather mode), made by {@link #features}. */
    private NDArray index;
    private int indexFrom = -1;

    Batches(NDManager manager, NDArray features, NDArray targets, int batchSize) {
        this.manager = manager;
        this.features = features;
        this.targets = targets;
        this.copies = copies(features.getShape().getShape(), features.getDataType().getNumOfBytes(), batchSize);
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
        this.indexFrom = -1;
        closeCopy();
        if (copies) {
            try (NDScope scope = new NDScope()) {
                NDArray rows = manager.create(order);
                epochFeatures = keep(features.get(rows));
                epochTargets = keep(targets.get(rows));
            }
        }
    }

    /** The features of the examples at positions [from, to) of the epoch's order. */
    NDArray features(int from, int to) {
        if (copies) {
            return epochFeatures.get(new NDIndex().addSliceDim(from, to));
        }
        index = manager.create(Arrays.copyOfRange(order, from, to));
        indexFrom = from;
        return features.get(index);
    }

    /** The targets of the same examples; call after {@link #features} with the same bounds, in the same step. */
    NDArray targets(int from, int to) {
        if (copies) {
            return epochTargets.get(new NDIndex().addSliceDim(from, to));
        }
        if (indexFrom != from) {
            throw new IllegalStateException("targets(" + from + ", " + to + ") without features() of that batch");
        }
        return targets.get(index);
    }

    @Override
    public void close() {
        closeCopy();
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
