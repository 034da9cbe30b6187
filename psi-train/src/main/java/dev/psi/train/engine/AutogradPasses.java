package dev.psi.train.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's passes through DJL's ops and libtorch's autograd, for any network (the convolutional ones, and every
 * network when {@link Trial#AUTOGRAD_PROPERTY} is set): the forward pass inside a gradient collector, the backward
 * pass, the gradients read from the parameters, and zeroed again at the step's end, as {@code optimizer.zero_grad()}
 * would (PyTorch accumulates gradients across backward calls, and DJL's collector does not reset them).
 */
final class AutogradPasses implements NetworkPasses {

    private final Engine engine;
    private final Forward forward;
    private final Loss loss;
    private final List<NDArray> parameters;
    /** The seed of every backward pass, d loss / d loss = 1: made once, not once per step. */
    private final NDArray one;

    /** The passes of the network {@code forward} runs, whose {@code parameters} are the block's own tensors. */
    AutogradPasses(NDManager manager, Engine engine, Forward forward, Loss loss, List<NDArray> parameters) {
        this.engine = engine;
        this.forward = forward;
        this.loss = loss;
        this.parameters = List.copyOf(parameters);
        this.one = manager.ones(new Shape(), DataType.FLOAT32);
    }

    @Override
    public BatchGradients gradients(Batches batches, int from, int to) {
        NDArray value;
        try (GradientCollector collector = engine.newGradientCollector()) {
            value = loss.of(forward.apply(batches.features(from, to), true), batches.targets(from, to));
            TorchRuntime.backward(value, one);
        }
        List<NDArray> gradients = new ArrayList<>(parameters.size());
        for (NDArray parameter : parameters) {
            gradients.add(parameter.getGradient());
        }
        // Its only element, read without getFloat()'s extra indexing op (2.6 µs against 0.5).
        return new BatchGradients(value.toFloatArray()[0], gradients);
    }

    @Override
    public void endStep() {
        for (NDArray parameter : parameters) {
            TorchRuntime.zeroGradient(parameter);
        }
    }

    @Override
    public double[] evaluate(NDArray features, NDArray targets) {
        NDArray output = forward.apply(features, false);
        double value = loss.of(output, targets).toFloatArray()[0];
        if (!loss.classification()) {
            return new double[] {value};
        }
        return new double[] {value, output.argMax(1).eq(targets.reshape(-1)).sum().toLongArray()[0]};
    }

    @Override
    public void close() {
        one.close();
    }
}
