package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The forward pass of a trial's network: the native ops of DJL's {@link Block#forward}, in its order, without the
 * Java work DJL repeats on every call.
 *
 * <p>Through {@code Block#forward}, each step of a small network walked the block tree to ask whether it was
 * initialized (building child lists on the way), looked every parameter up in the {@link ParameterStore}'s maps,
 * asked each input tensor for its device (a native call) and collected the layers' outputs in a stream: about 6 %
 * of a step of the small bench case in a JFR profile, where the step itself is 35 native calls. A {@link Linear}
 * layer of a {@link SequentialBlock} is called here as {@link Linear#linear} on its parameter tensors, which is what
 * its {@code forwardInternal} does once the store has returned them: the store of a trial copies nothing
 * ({@code ParameterStore(manager, false)} on one device) and hands out each parameter's own tensor, which
 * checkpoints overwrite in place ({@link ModelParameters#copyFrom}). Every other layer (activations, flattening,
 * convolutions, pooling) goes through its own {@code forward} as before.
 *
 * <p>The network must be initialized before its first pass, as {@link Trial} does when it builds it.
 */
final class Forward {

    private final List<Layer> layers;

    private Forward(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** The forward pass of {@code block}, whose parameters {@code parameterStore} hands out. */
    static Forward of(Block block, ParameterStore parameterStore) {
        List<Block> parts = block instanceof SequentialBlock ? block.getChildren().values() : List.of(block);
        List<Layer> layers = new ArrayList<>(parts.size());
        for (Block part : parts) {
            layers.add(affine(part).orElse(through(part, parameterStore)));
        }
        return new Forward(layers);
    }

    /** The network's output for {@code input}; {@code training} as in {@link Block#forward}. */
    NDArray apply(NDArray input, boolean training) {
        NDArray x = input;
        for (Layer layer : layers) {
            x = layer.apply(x, training);
        }
        return x;
    }

    /** A {@link Linear} layer with weight and bias, called directly; empty for any other block. */
    private static Optional<Layer> affine(Block block) {
        if (!(block instanceof Linear)) {
            return Optional.empty();
        }
        Parameter weight = block.getParameters().get("weight");
        Parameter bias = block.getParameters().get("bias");
        if (weight == null || bias == null) {
            return Optional.empty();
        }
        return Optional.of((x, training) -> Linear.linear(x, weight.getArray(), bias.getArray())
                .singletonOrThrow());
    }

    private static Layer through(Block block, ParameterStore parameterStore) {
        return (x, training) -> block.forward(parameterStore, new NDList(x), training).singletonOrThrow();
    }

    /** One layer of the pass. */
    @FunctionalInterface
    private interface Layer {
        NDArray apply(NDArray x, boolean training);
    }
}
