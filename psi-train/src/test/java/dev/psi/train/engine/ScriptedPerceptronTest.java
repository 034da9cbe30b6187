package dev.psi.train.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.psi.core.spec.Spec;
import dev.psi.train.network.Networks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ScriptedPerceptron} gives autograd's loss and gradients bit for bit, and evaluates as {@link Forward} and
 * {@link Loss} do.
 */
class ScriptedPerceptronTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"relu", "tanh", "sigmoid", "gelu"})
    void givesAutogradsGradientsAndForwardsEvaluationsToTheBit(String activation) {
        Random random = new Random(activation.hashCode());
        for (int draw = 0; draw < 40; draw++) {
            int inputs = 1 + random.nextInt(20);
            int batch = 1 + random.nextInt(40);
            int depth = random.nextInt(4);
            List<Integer> hidden = new ArrayList<>();
            for (int layer = 0; layer < depth; layer++) {
                hidden.add(1 + random.nextInt(30));
            }
            boolean classification = draw % 2 == 0;
            int outputs = classification ? 2 + random.nextInt(10) : 1;
            String model = "mlp(hidden=[" + hidden.stream().map(String::valueOf).collect(Collectors.joining(","))
                    + "],activation=" + activation + ")";
            if (hidden.isEmpty()) {
                model = "linear";
            }
            assertSameAsAutograd(model, activation, new long[] {inputs}, outputs, batch, classification, draw);
        }
    }

    /**
     * Wide inputs too: MKL splits a product's inner dimension of 784 into blocks, where {@code addmm} and the
     * {@code mm} and {@code add} that TorchScript's graph optimizer would make of it differ by an ulp.
     */
    @ParameterizedTest(name = "{0} on {1} features, batch {2}")
    @CsvSource(delimiter = ';', value = {
        "linear; 784; 128", "mlp(hidden=[256]); 784; 128", "linear; 196; 64", "mlp(hidden=[64]); 64; 16"})
    void givesAutogradsGradientsToTheBitOnWideInputs(String model, long inputs, int batch) {
        assertSameAsAutograd(model, "relu", new long[] {inputs}, 10, batch, true, 3);
    }

    /** Image-shaped examples, which DJL's network flattens first, as the program does. */
    @Test
    void flattensImageExamplesAsTheNetworkDoes() {
        assertSameAsAutograd("mlp(hidden=[8])", "relu", new long[] {1, 6, 6}, 3, 5, true, 5);
    }

    private static void assertSameAsAutograd(String model, String activation, long[] example, int outputs, int batch,
            boolean classification, long seed) {
        String what = model + " on " + batch + "x" + Arrays.toString(example) + " -> " + outputs + ", seed " + seed;
        try (NDManager manager = TorchRuntime.engine().newBaseManager(); NDScope scope = new NDScope()) {
            TorchRuntime.seed(seed);
            Block block = Networks.build(Spec.parse(model), example, outputs);
            block.initialize(manager, DataType.FLOAT32, DataTensors.batchShape(1, example));
            ModelParameters parameters = ModelParameters.of(block);
            Loss loss = classification ? Loss.CROSS_ENTROPY : Loss.MEAN_SQUARED_ERROR;
            NDArray x = manager.randomNormal(DataTensors.batchShape(batch, example));
            NDArray y = classification
                    ? manager.randomInteger(0, outputs, new Shape(batch, 1), DataType.INT64)
                    : manager.randomNormal(new Shape(batch));
            Forward forward = Forward.of(block, new ParameterStore(manager, false));
            float expectedLoss;
            try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                NDArray value = loss.of(forward.apply(x, true), y);
                TorchRuntime.backward(value, manager.ones(new Shape()));
                expectedLoss = value.toFloatArray()[0];
            }
            TorchRuntime.disableGradMode();
            try (ScriptedPerceptron scripted = ScriptedPerceptron.load(manager,
                    ModelParameters.packed(block, manager), activation, loss)) {
                BatchGradients result = scripted.gradients(x, y);
                assertEquals(expectedLoss, result.loss(), what);
                List<NDArray> weights = parameters.arrays();
                assertEquals(weights.size(), result.gradients().size(), what);
                for (int i = 0; i < weights.size(); i++) {
                    assertSameNumbers(weights.get(i).getGradient().toFloatArray(),
                            result.gradients().get(i).toFloatArray(), what + ", parameter " + i);
                }
                NDArray output = forward.apply(x, false);
                double[] measured = scripted.evaluate(x, y);
                assertEquals(loss.of(output, y).toFloatArray()[0], measured[0], what);
                if (classification) {
                    assertEquals(output.argMax(1).eq(y.reshape(-1)).sum().toLongArray()[0], measured[1], what);
                }
            }
        }
    }

    /** A batch of the epoch's shuffled copy, sliced by the program, gives what the same rows give passed in. */
    @Test
    void slicesABatchOfTheEpochsCopyAsDjlDoes() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            TorchRuntime.seed(2);
            Block block = Networks.build(Spec.parse("mlp(hidden=[8])"), new long[] {16}, 4);
            block.initialize(manager, DataType.FLOAT32, DataTensors.batchShape(1, new long[] {16}));
            NDArray features = manager.randomNormal(new Shape(40, 16));
            NDArray targets = manager.randomInteger(0, 4, new Shape(40, 1), DataType.INT64);
            TorchRuntime.disableGradMode();
            try (ScriptedPerceptron scripted = ScriptedPerceptron.load(manager, ModelParameters.packed(block, manager),
                    "relu", Loss.CROSS_ENTROPY);
                    Batches batches = new Batches(manager, features, targets, 8, false);
                    NDScope scope = new NDScope()) {
                assertTrue(batches.copies());
                long[] order = new long[40];
                for (int i = 0; i < order.length; i++) {
                    order[i] = (i * 7) % 40;
                }
                for (int epoch = 0; epoch < 2; epoch++) {
                    batches.begin(order);
                    for (int from = 0; from < 40; from += 16) {
                        int to = Math.min(40, from + 16);
                        BatchGradients sliced = scripted.gradients(batches, from, to);
                        double slicedLoss = sliced.loss();
                        List<float[]> slicedGradients = sliced.gradients().stream().map(NDArray::toFloatArray).toList();
                        BatchGradients passed = scripted.gradients(batches.features(from, to),
                                batches.targets(from, to));
                        String what = "epoch " + epoch + ", rows " + from + " to " + to;
                        assertEquals(passed.loss(), slicedLoss, what);
                        for (int i = 0; i < slicedGradients.size(); i++) {
                            assertArrayEquals(passed.gradients().get(i).toFloatArray(), slicedGradients.get(i), what);
                        }
                    }
                    order = Arrays.stream(order).map(i -> 39 - i).toArray();
                }
            }
        }
    }

    /** Equal element by element as numbers: the same bits, except that −0.0 equals +0.0. */
    private static void assertSameNumbers(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            assertTrue(e == a || Float.floatToIntBits(e) == Float.floatToIntBits(a),
                    what + ", element " + i + ": " + e + " against " + a);
        }
    }

    @Test
    void declinesAnActivationItDoesNotKnow() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            List<NDArray> parameters = List.of(manager.zeros(new Shape(3, 2)), manager.zeros(new Shape(3)));
            assertTrue(ScriptedPerceptron.accepts(manager, parameters, "relu"));
            assertFalse(ScriptedPerceptron.accepts(manager, parameters, "softplus"));
        }
    }

    @Test
    void declinesParametersThatAreNoLayers() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            assertFalse(ScriptedPerceptron.accepts(manager, List.of(manager.zeros(new Shape(3, 2))), "relu"));
            assertFalse(ScriptedPerceptron.accepts(manager,
                    List.of(manager.zeros(new Shape(3, 2)), manager.zeros(new Shape(3, 1))), "relu"));
        }
    }

    @Test
    void trainsOnlyPackedParameters() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            Block block = Networks.build(Spec.parse("linear"), new long[] {2}, 3);
            block.initialize(manager, DataType.FLOAT32, DataTensors.batchShape(1, new long[] {2}));
            assertThrows(IllegalArgumentException.class, () -> ScriptedPerceptron.load(manager,
                    ModelParameters.of(block), "relu", Loss.CROSS_ENTROPY));
        }
    }
}
