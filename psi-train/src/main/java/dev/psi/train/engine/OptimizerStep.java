package dev.psi.train.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.psi.core.controller.Controller;
import dev.psi.core.controller.LossAverage;
import dev.psi.core.controller.Signal;
import dev.psi.core.controller.TrainingState;
import dev.psi.train.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * One optimizer step of a trial on one batch: forward, loss, backward, the controller's α, the update, and the
 * gradients zeroed for the next step.
 *
 * <p>The controller sees the batch loss (and the signals it asked for) before it sets α, so that step sizes
 * computed from the current batch (Polyak, L4) are possible. A step whose loss is not finite updates nothing:
 * neither the parameters nor the loss average nor the controller.
 *
 * <p>Every step runs inside an {@link NDScope} that frees all its intermediates at once, and its only host
 * synchronization is reading the loss the controller needs anyway.
 */
final class OptimizerStep {

    private final Engine engine;
    private final Forward forward;
    private final Loss loss;
    private final ModelParameters parameters;
    private final Optimizer optimizer;
    private final SignalMeter signalMeter;
    /** The seed of every backward pass, d loss / d loss = 1: made once, not once per step. */
    private final NDArray one;

    /** A step of the {@code parameters} of the network {@code forward} runs by {@code optimizer}; its seed tensor goes in {@code manager}. */
    OptimizerStep(NDManager manager, Engine engine, Forward forward, Loss loss,
            ModelParameters parameters, Optimizer optimizer, SignalMeter signalMeter) {
        this.engine = engine;
        this.forward = forward;
        this.loss = loss;
        this.parameters = parameters;
        this.optimizer = optimizer;
        this.signalMeter = signalMeter;
        this.one = manager.ones(new Shape(), DataType.FLOAT32);
    }

    /**
     * Takes one step on the examples at positions [from, to) of the epoch's order in {@code batches} (a gather
     * from the training tensors or a slice of the epoch's shuffled copy, whichever costs less: {@link Batches}).
     *
     * @param lossAverage the trial's average of the batch loss, updated with a finite one
     * @param state what the controller is shown, given the batch loss
     */
    Result take(Batches batches, int from, int to, Controller controller, LossAverage lossAverage,
            DoubleFunction<TrainingState> state) {
        try (NDScope scope = new NDScope()) {
            NDArray x = batches.features(from, to);
            NDArray y = batches.targets(from, to);
            double batchLoss;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray output = forward.apply(x, true);
                NDArray lossArray = loss.of(output, y);
                TorchRuntime.backward(lossArray, one);
                // Its only element, read without getFloat()'s extra indexing op (2.6 µs against 0.5).
                batchLoss = lossArray.toFloatArray()[0];
            }
            List<NDArray> weights = parameters.arrays();
            double lr = Double.NaN;
            if (Double.isFinite(batchLoss)) {
                List<NDArray> gradients = new ArrayList<>(weights.size());
                for (NDArray weight : weights) {
                    gradients.add(weight.getGradient());
                }
                lossAverage.add(batchLoss);
                List<NDArray> directions = optimizer.directions(weights, gradients);
                Set<Signal> wanted = controller.signals();
                controller.beforeUpdate(state.apply(batchLoss),
                        signalMeter.measure(wanted, weights, gradients, directions));
                lr = controller.learningRate();
                optimizer.apply(weights, directions, lr);
                signalMeter.remember(wanted, directions);
            } else {
                lr = controller.learningRate();
            }
            for (NDArray weight : weights) {
                TorchRuntime.zeroGradient(weight);
            }
            return new Result(batchLoss, lr);
        }
    }

    /** What one optimizer step measured: the batch loss and the learning rate it was taken with. */
    record Result(double loss, double learningRate) {
    }
}
