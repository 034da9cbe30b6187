package dev.psi.train.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import dev.psi.train.engine.TorchRuntime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworksTest {

    private static long parameters(Block block) {
        long count = 0;
        for (Parameter p : block.getParameters().values()) {
            count += p.getArray().size();
        }
        return count;
    }

    @Test
    void perceptronActivationIsTheMlpsActivation() {
        assertEquals(Optional.of("tanh"),
                Networks.perceptronActivation(Spec.parse("mlp(hidden=[8],activation=tanh)")));
        assertEquals(Optional.of("relu"), Networks.perceptronActivation(Spec.parse("mlp")));
    }

    @Test
    void aLinearModelIsAPerceptronWithoutHiddenLayers() {
        assertEquals(Optional.of("relu"), Networks.perceptronActivation(Spec.parse("linear")));
    }

    @Test
    void aCnnIsNoPerceptron() {
        assertEquals(Optional.empty(), Networks.perceptronActivation(Spec.parse("cnn(channels=[4])")));
    }

    @Test
    void mlpHasPyTorchsParameterCountAndInitBound() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            Block block = Networks.build(Spec.parse("mlp(hidden=[256])"), new long[] {784}, 10);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 784));
            assertEquals(784 * 256 + 256 + 256 * 10 + 10, parameters(block));
            float bound = (float) (1 / Math.sqrt(784));
            Parameter first = block.getParameters().values().get(0);
            assertTrue(first.getArray().abs().max().getFloat() <= bound);
            assertTrue(first.getArray().abs().max().getFloat() > 0.9f * bound);
        }
    }

    @Test
    void cnnMapsImagesToClassScores() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            Block block = Networks.build(Spec.parse("cnn(channels=[4,8])"), new long[] {1, 28, 28}, 10);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            NDList out = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.zeros(new Shape(3, 1, 28, 28))), false);
            assertEquals(new Shape(3, 10), out.singletonOrThrow().getShape());
        }
    }

    @Test
    void cnnOnFlatExamplesSaysWhatToUse() {
        SpecException error = assertThrows(SpecException.class,
                () -> Networks.build(Spec.parse("cnn"), new long[] {20}, 4));
        assertEquals("model cnn needs image examples (channels × height × width); this task's examples have shape (20): "
                + "use linear or mlp", error.getMessage());
    }

    @Test
    void unknownModelListsValidNames() {
        SpecException error = assertThrows(SpecException.class,
                () -> Networks.build(Spec.parse("resnet"), new long[] {20}, 4));
        assertEquals("unknown model 'resnet'; valid: linear, mlp, cnn", error.getMessage());
    }

    @Test
    void unknownActivationListsValidOnes() {
        SpecException error = assertThrows(SpecException.class,
                () -> Networks.build(Spec.parse("mlp(activation=swish)"), new long[] {20}, 4));
        assertEquals("mlp: activation=swish is not valid; valid: relu, tanh, sigmoid, gelu", error.getMessage());
    }
}
