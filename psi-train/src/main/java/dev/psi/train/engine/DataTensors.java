package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.psi.train.data.DataSplit;
import dev.psi.train.data.Examples;
import java.util.Optional;

/**
 * A trial's data, moved once into tensors of its manager: the training batches, the validation split, its fixed
 * subset evaluated within epochs, and the test split when the task has one.
 *
 * @param train the training examples, batched in each epoch's order
 * @param validation the whole validation split
 * @param subset the first examples of the validation split, evaluated every {@code eval_every} steps
 * @param test the test split, reported only
 */
record DataTensors(Batches train, HeldOut validation, HeldOut subset, Optional<HeldOut> test) {

    /**
     * Copies {@code data} into tensors of {@code manager}.
     *
     * @param subsetSize examples of the validation subset (all when the split has fewer)
     * @param autograd whether training batches go into libtorch's autograd ({@link Batches})
     */
    static DataTensors load(NDManager manager, DataSplit data, Loss loss, int batchSize, int subsetSize,
            boolean autograd) {
        Batches train = new Batches(manager, features(manager, data.train()), targets(manager, data.train(), loss),
                batchSize, autograd);
        HeldOut validation = heldOut(manager, data.validation(), loss);
        Optional<HeldOut> test = data.hasTest() ? Optional.of(heldOut(manager, data.test(), loss)) : Optional.empty();
        return new DataTensors(train, validation, validation.first(subsetSize), test);
    }

    /** The shape of a batch of {@code count} examples of {@code featureShape}. */
    static Shape batchShape(long count, long[] featureShape) {
        long[] dims = new long[featureShape.length + 1];
        dims[0] = count;
        System.arraycopy(featureShape, 0, dims, 1, featureShape.length);
        return new Shape(dims);
    }

    private static HeldOut heldOut(NDManager manager, Examples examples, Loss loss) {
        return new HeldOut(features(manager, examples), targets(manager, examples, loss));
    }

    private static NDArray features(NDManager manager, Examples examples) {
        return manager.create(examples.features(), batchShape(examples.count(), examples.featureShape()));
    }

    private static NDArray targets(NDManager manager, Examples examples, Loss loss) {
        NDArray targets = manager.create(examples.targets());
        if (!loss.classification()) {
            return targets;
        }
        // Class indices as an [n, 1] column, the shape gather() needs to pick each row's log-probability.
        NDArray labels = targets.toType(DataType.INT64, false).reshape(-1, 1);
        targets.close();
        return labels;
    }
}
