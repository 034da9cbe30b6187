package dev.psi.train.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.psi.core.spec.Spec;
import dev.psi.train.network.Networks;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutogradPassesTest {

    /**
     * A linear layer on 2 inputs with bias zero: for 2 outputs the identity (a classifier whose outputs are its
     * inputs), for 1 output the sum of the inputs.
     */
    private static AutogradPasses identity(NDManager manager, Loss loss, int outputs) {
        Block block = Networks.build(Spec.parse("linear"), new long[] {2}, outputs);
        block.initialize(manager, DataType.FLOAT32, DataTensors.batchShape(1, new long[] {2}));
        List<NDArray> parameters = ModelParameters.of(block).arrays();
        parameters.get(0).set(new NDIndex("..."), outputs == 2 ? manager.eye(2) : manager.ones(new Shape(1, 2)));
        parameters.get(1).set(new NDIndex("..."), manager.zeros(new Shape(outputs)));
        return new AutogradPasses(manager, TorchRuntime.engine(), Forward.of(block, new ParameterStore(manager, false)),
                loss, parameters);
    }

    @Test
    void evaluatesTheMeanCrossEntropyAndTheCorrectPredictions() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager(); NDScope scope = new NDScope()) {
            AutogradPasses passes = identity(manager, Loss.CROSS_ENTROPY, 2);
            NDArray features = manager.create(new float[] {1, 0, 0, 1, 2, 1}, new Shape(3, 2));
            NDArray targets = manager.create(new long[] {0, 0, 0}, new Shape(3, 1));
            double[] measured = passes.evaluate(features, targets);
            // -log softmax: log(1 + e^-1) for rows 1 and 3, log(1 + e) for row 2; rows 1 and 3 are right.
            double expected = (2 * Math.log1p(Math.exp(-1)) + Math.log1p(Math.E)) / 3;
            assertEquals(2, measured.length);
            assertEquals(expected, measured[0], 1e-6);
            assertEquals(2, measured[1]);
        }
    }

    @Test
    void evaluatesARegressionsLossAlone() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager(); NDScope scope = new NDScope()) {
            AutogradPasses passes = identity(manager, Loss.MEAN_SQUARED_ERROR, 1);
            // Outputs x1 + x2: 1 and 3, against targets 0 and 1: squared errors 1 and 4.
            double[] measured = passes.evaluate(manager.create(new float[] {1, 0, 2, 1}, new Shape(2, 2)),
                    manager.create(new float[] {0, 1}));
            assertArrayEquals(new double[] {2.5}, measured);
        }
    }

    @Test
    void theStepsEndZeroesTheGradientsTheNextStepWouldAddTo() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            AutogradPasses passes = identity(manager, Loss.CROSS_ENTROPY, 2);
            NDArray features = manager.create(new float[] {1, 0, 0, 1, 2, 1, 0, 0}, new Shape(4, 2));
            NDArray targets = manager.create(new long[] {0, 1, 1, 0}, new Shape(4, 1));
            TorchRuntime.disableGradMode();
            try (Batches batches = new Batches(manager, features, targets, 4, true); NDScope scope = new NDScope()) {
                batches.begin(new long[] {0, 1, 2, 3});
                List<NDArray> gradients = passes.gradients(batches, 0, 4).gradients();
                List<float[]> first = gradients.stream().map(NDArray::toFloatArray).toList();
                assertNotEquals(0f, first.get(0)[0]);
                passes.endStep();
                for (NDArray gradient : gradients) {
                    assertArrayEquals(new float[Math.toIntExact(gradient.size())], gradient.toFloatArray());
                }
                // Not added to the last step's: the same batch gives the same gradients again.
                List<NDArray> again = passes.gradients(batches, 0, 4).gradients();
                for (int i = 0; i < first.size(); i++) {
                    assertArrayEquals(first.get(i), again.get(i).toFloatArray());
                }
            }
        }
    }
}
