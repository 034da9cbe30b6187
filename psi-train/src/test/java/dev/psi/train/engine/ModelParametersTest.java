package dev.psi.train.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.psi.core.spec.Spec;
import dev.psi.train.network.Networks;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelParametersTest {

    private static Block mlp(NDManager manager) {
        TorchRuntime.seed(1);
        Block block = Networks.build(Spec.parse("mlp(hidden=[5])"), new long[] {3}, 2);
        block.initialize(manager, DataType.FLOAT32, DataTensors.batchShape(1, new long[] {3}));
        return block;
    }

    @Test
    void theBlocksOwnTensorsAreNotPacked() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            ModelParameters parameters = ModelParameters.of(mlp(manager));
            assertTrue(parameters.packed().isEmpty());
            assertEquals(3 * 5 + 5 + 5 * 2 + 2, parameters.count());
        }
    }

    @Test
    void packedParametersHoldTheBlocksValuesAsViewsOfOneTensor() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            Block block = mlp(manager);
            List<NDArray> originals = ModelParameters.of(block).arrays();
            ModelParameters parameters = ModelParameters.packed(block, manager);
            ModelParameters.Packed packed = parameters.packed().orElseThrow();
            assertEquals(originals.size(), parameters.arrays().size());
            for (int i = 0; i < originals.size(); i++) {
                assertEquals(originals.get(i).getShape(), parameters.arrays().get(i).getShape());
                assertArrayEquals(originals.get(i).toFloatArray(), parameters.arrays().get(i).toFloatArray());
            }
            assertEquals(3 * 5 + 5 + 5 * 2 + 2, parameters.count());
            assertEquals(16 + 16 + 16 + 16, packed.values().size());
            packed.values().muli(2);
            assertArrayEquals(originals.get(0).mul(2).toFloatArray(), parameters.arrays().get(0).toFloatArray());
        }
    }

    @Test
    void packedGradientsStartAtZeroInTheParametersShapes() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            ModelParameters parameters = ModelParameters.packed(mlp(manager), manager);
            ModelParameters.Packed packed = parameters.packed().orElseThrow();
            assertEquals(packed.values().getShape(), packed.gradients().getShape());
            for (int i = 0; i < parameters.arrays().size(); i++) {
                assertEquals(parameters.arrays().get(i).getShape(), packed.gradientViews().get(i).getShape());
            }
            assertEquals(0f, packed.gradients().abs().sum().getFloat());
        }
    }
}
