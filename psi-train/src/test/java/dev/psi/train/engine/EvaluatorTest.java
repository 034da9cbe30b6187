package dev.psi.train.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.psi.core.spec.Spec;
import dev.psi.train.network.Networks;
import dev.psi.train.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How {@link Evaluator} combines the batches of a held-out part: the arithmetic that stored validation losses come
 * from, pinned with a stand-in for the network whose numbers are known.
 */
class EvaluatorTest {

    /** Says every batch has mean loss 0.1f and one correct prediction per three rows; records the batch sizes. */
    private static final class KnownPasses implements NetworkPasses {

        final List<Long> batchRows = new ArrayList<>();

        @Override
        public BatchGradients gradients(Batches batches, int from, int to) {
            throw new UnsupportedOperationException("evaluations only");
        }

        @Override
        public double[] evaluate(NDArray features, NDArray targets) {
            long rows = features.getShape().get(0);
            batchRows.add(rows);
            return new double[] {0.1f, rows / 3};
        }

        @Override
        public void close() {
        }
    }

    private static Evaluator.Validation validate(NDManager manager, KnownPasses passes, Loss loss, int rows) {
        Block block = Networks.build(Spec.parse("linear"), new long[] {2}, 3);
        block.initialize(manager, DataType.FLOAT32, DataTensors.batchShape(1, new long[] {2}));
        Evaluator evaluator = new Evaluator(passes, loss, Optimizers.create(Spec.parse("SGD"), manager),
                ModelParameters.of(block));
        HeldOut part = new HeldOut(manager.zeros(new Shape(rows, 2)), manager.zeros(new Shape(rows, 1), DataType.INT64));
        evaluator.beginEpoch();
        return evaluator.measure(part, 0, 0, 0, System.nanoTime()).validation();
    }

    @Test
    void theLossIsEachBatchsFloatMeanTimesItsRowsInFloatSummedInDouble() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            KnownPasses passes = new KnownPasses();
            Evaluator.Validation validation = validate(manager, passes, Loss.CROSS_ENTROPY, 2051);
            assertEquals(List.of(2048L, 3L), passes.batchRows);
            double expected = ((double) (0.1f * 2048) + (double) (0.1f * 3)) / 2051;
            assertEquals(expected, validation.loss());
            // In double the products round differently: the float product is the stored behaviour.
            assertNotEquals(((double) 0.1f * 2048 + (double) 0.1f * 3) / 2051, validation.loss());
        }
    }

    @Test
    void theAccuracyIsTheCorrectPredictionsOverTheRows() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            Evaluator.Validation validation = validate(manager, new KnownPasses(), Loss.CROSS_ENTROPY, 2051);
            assertEquals((682.0 + 1) / 2051, validation.accuracy());
        }
    }

    @Test
    void aRegressionHasNoAccuracy() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            assertEquals(Double.NaN, validate(manager, new KnownPasses(), Loss.MEAN_SQUARED_ERROR, 6).accuracy());
        }
    }
}
