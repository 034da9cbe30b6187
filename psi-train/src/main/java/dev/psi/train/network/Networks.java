package dev.psi.train.network;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.UniformInitializer;
import dev.psi.core.spec.Arguments;
import dev.psi.core.spec.Echo;
import dev.psi.core.spec.Range;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the network of a task from its model spec: {@code linear}, {@code mlp(hidden=[256],
 * activation=relu)} or {@code cnn(channels=[16,32])}.
 *
 * <p>Every layer is initialized as PyTorch initializes {@code nn.Linear} and {@code nn.Conv2d} by
 * default: weight and bias uniform in ±1/√fan_in (kaiming_uniform with a = √5, see the
 * {@code reset_parameters} methods of those modules), so that a Psi run and a PyTorch run of the same
 * architecture start from the same distribution and learning rates carry over.
 */
public final class Networks {

    private static final List<String> NAMES = List.of("linear", "mlp", "cnn");

    private Networks() {
    }

    /**
     * @param spec the model spec
     * @param featureShape shape of one example, without the batch dimension
     * @param outputs number of outputs: classes, or 1 for regression
     */
    public static Block build(Spec spec, long[] featureShape, int outputs) {
        Arguments args = Arguments.of(spec);
        Block block;
        switch (spec.name()) {
            case "linear":
                args.done();
                block = mlp(List.of(), Activation::relu, featureShape, outputs);
                break;
            case "mlp":
                List<Integer> hidden = args.integers("hidden", List.of(256), Range.atLeast(1));
                Function<NDList, NDList> activation = activation(args);
                args.done();
                block = mlp(hidden, activation, featureShape, outputs);
                break;
            case "cnn":
                List<Integer> channels = args.integers("channels", List.of(16, 32), Range.atLeast(1));
                int kernel = args.integer("kernel", 3, Range.atLeast(1));
                args.done();
                block = cnn(channels, kernel, featureShape, outputs);
                break;
            default:
                throw new SpecException("unknown model " + Echo.quote(spec.name()) + "; valid: " + String.join(", ", NAMES));
        }
        return block;
    }

    /**
     * The activation between the layers of a {@code linear} or {@code mlp} model, by its spec name ({@code relu}
     * for {@code linear}, which has one layer); empty for any other model. A perceptron's layers are its only
     * parameters, weight then bias of each {@link Linear}, input layer first, and nothing but the activation stands
     * between them: the training engine then computes its gradients without autograd. It reads the spec as
     * {@link #build} does and rejects what {@code build} would: an option added to {@code mlp} must be added here,
     * or every spec that uses it fails here, loudly, instead of training another network than {@code build}'s.
     */
    public static Optional<String> perceptronActivation(Spec spec) {
        switch (spec.name()) {
            case "linear":
                return Optional.of("relu");
            case "mlp":
                Arguments args = Arguments.of(spec);
                args.integers("hidden", List.of(256), Range.atLeast(1));
                String activation = activationName(args);
                args.done();
                return Optional.of(activation);
            default:
                return Optional.empty();
        }
    }

    private static String activationName(Arguments args) {
        return args.choice("activation", "relu", "relu", "tanh", "sigmoid", "gelu");
    }

    private static Function<NDList, NDList> activation(Arguments args) {
        String name = activationName(args);
        switch (name) {
            case "tanh":
                return Activation::tanh;
            case "sigmoid":
                return Activation::sigmoid;
            case "gelu":
                return Activation::gelu;
            default:
                return Activation::relu;
        }
    }

    private static Block mlp(List<Integer> hidden, Function<NDList, NDList> activation, long[] featureShape,
            int outputs) {
        SequentialBlock net = new SequentialBlock();
        if (featureShape.length > 1) {
            // Flattening flat examples would still cost a reshape per step.
            net.add(Blocks.batchFlattenBlock());
        }
        long fanIn = featureSize(featureShape);
        for (int units : hidden) {
            net.add(linear(units, fanIn)).add(activation);
            fanIn = units;
        }
        return net.add(linear(outputs, fanIn));
    }

    private static Block cnn(List<Integer> channels, int kernel, long[] featureShape, int outputs) {
        if (featureShape.length != 3) {
            throw new SpecException("model cnn needs image examples (channels × height × width); this task's examples "
                    + "have shape " + new Shape(featureShape) + ": use linear or mlp");
        }
        SequentialBlock net = new SequentialBlock();
        long inChannels = featureShape[0];
        long height = featureShape[1];
        long width = featureShape[2];
        for (int out : channels) {
            Conv2d conv = Conv2d.builder()
                    .setKernelShape(new Shape(kernel, kernel))
                    .optPadding(new Shape(kernel / 2, kernel / 2))
                    .setFilters(out)
                    .build();
            initialize(conv, inChannels * kernel * kernel);
            net.add(conv).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)));
            inChannels = out;
            height /= 2;
            width /= 2;
        }
        net.add(Blocks.batchFlattenBlock());
        return net.add(linear(outputs, inChannels * height * width));
    }

    private static Linear linear(long units, long fanIn) {
        Linear layer = Linear.builder().setUnits(units).build();
        initialize(layer, fanIn);
        return layer;
    }

    private static void initialize(Block layer, long fanIn) {
        UniformInitializer uniform = new UniformInitializer((float) (1.0 / Math.sqrt(fanIn)));
        layer.setInitializer(uniform, Parameter.Type.WEIGHT);
        layer.setInitializer(uniform, Parameter.Type.BIAS);
    }

    private static long featureSize(long[] featureShape) {
        long size = 1;
        for (long d : featureShape) {
            size *= d;
        }
        return size;
    }
}
