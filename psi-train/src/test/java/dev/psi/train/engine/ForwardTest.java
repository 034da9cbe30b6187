package dev.psi.train.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.psi.core.spec.Spec;
import dev.psi.train.network.Networks;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Forward} issues what {@code Block#forward} issues: same outputs and same gradients, bit for bit. */
class ForwardTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "linear; 20",
        "mlp(hidden=[32,16],activation=tanh); 20",
        "mlp(hidden=[8]); 1x6x6",
        "cnn(channels=[2,4]); 1x8x8"})
    void givesBlockForwardsOutputToTheBit(String model, String example) {
        long[] shape = Arrays.stream(example.split("x")).mapToLong(Long::parseLong).toArray();
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            Block block = network(model, shape, 7, manager);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(DataTensors.batchShape(5, shape));
            float[] expected = block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            assertArrayEquals(expected, Forward.of(block, store).apply(x, false).toFloatArray());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {"mlp(hidden=[16]); 12", "cnn(channels=[2]); 1x6x6"})
    void givesBlockForwardsGradientsToTheBit(String model, String example) {
        long[] shape = Arrays.stream(example.split("x")).mapToLong(Long::parseLong).toArray();
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            Block block = network(model, shape, 11, manager);
            ParameterStore store = new ParameterStore(manager, false);
            ModelParameters parameters = ModelParameters.of(block);
            NDArray x = manager.randomNormal(DataTensors.batchShape(4, shape));
            float[][] viaBlock = gradients(parameters, () -> block.forward(store, new NDList(x), true).singletonOrThrow());
            float[][] viaForward = gradients(parameters, () -> Forward.of(block, store).apply(x, true));
            assertEquals(viaBlock.length, viaForward.length);
            for (int i = 0; i < viaBlock.length; i++) {
                assertArrayEquals(viaBlock[i], viaForward[i], "parameter " + i);
            }
        }
    }

    /** The network of {@code model} for examples of {@code shape} and 3 outputs, initialized from {@code seed}. */
    private static Block network(String model, long[] shape, long seed, NDManager manager) {
        TorchRuntime.seed(seed);
        Block block = Networks.build(Spec.parse(model), shape, 3);
        block.initialize(manager, DataType.FLOAT32, DataTensors.batchShape(1, shape));
        return block;
    }

    /** The gradients of the sum of squares of {@code output}'s value, one array per parameter; zeroed after. */
    private static float[][] gradients(ModelParameters parameters, Supplier<NDArray> output) {
        try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
            collector.backward(output.get().square().sum());
        }
        float[][] gradients = parameters.arrays().stream().map(w -> w.getGradient().toFloatArray())
                .toArray(float[][]::new);
        parameters.arrays().forEach(TorchRuntime::zeroGradient);
        return gradients;
    }
}
