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
import dev.psi.train.optim.OptimizerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * One optimizer step of a trial on one batch: the batch's loss and gradients, the controller's α, and the update.
 *
 * <p>The loss and gradients come from one of two places, with the same numbers: a perceptron's from
 * {@link ScriptedPerceptron}, one native call; any other network's from libtorch's autograd (forward pass inside a
 * gradient collector, backward pass, gradients read from the parameters and zeroed after the update).
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
    /** The gradients of a perceptron without autograd; empty for other networks. */
    private final Optional<ScriptedPerceptron> scripted;
    /** The seed of every backward pass, d loss / d loss = 1: made once, not once per step. */
    private final NDArray one;
    /**
     * The packed parameters, when the optimizer runs on them as one tensor (an {@link Optimizer#elementwise} one on
     * {@link ModelParameters#packed} parameters); empty when it runs on the parameters one by one.
     */
    private final Optional<ModelParameters.Packed> packed;

    /**
     * A step of the {@code parameters} of the network {@code forward} runs by {@code optimizer}, taking its
     * gradients from {@code scripted} where present; its seed tensor goes in {@code manager}.
     */
    OptimizerStep(NDManager manager, Engine engine, Forward forward, Loss loss, ModelParameters parameters,
            Optimizer optimizer, SignalMeter signalMeter, Optional<ScriptedPerceptron> scripted) {
        this.engine = engine;
        this.forward = forward;
        this.loss = loss;
        this.parameters = parameters;
        this.optimizer = optimizer;
        this.signalMeter = signalMeter;
        this.scripted = scripted;
        this.one = manager.ones(new Shape(), DataType.FLOAT32);
        this.packed = optimizer.elementwise() ? parameters.packed() : Optional.empty();
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
            BatchGradients batch = scripted.isPresent() ? scripted.get().gradients(batches, from, to)
                    : autograd(batches.features(from, to), batches.targets(from, to));
            double batchLoss = batch.loss();
            List<NDArray> weights = parameters.arrays();
            double lr;
            if (Double.isFinite(batchLoss)) {
                List<NDArray> gradients = batch.gradients();
                lossAverage.add(batchLoss);
                List<NDArray> updated = packed.isPresent() ? List.of(packed.get().values()) : weights;
                List<NDArray> directions = optimizer.directions(updated,
                        packed.isPresent() ? List.of(packed.get().gradients()) : gradients);
                Set<Signal> wanted = controller.signals();
                // Signals are sums over each parameter, then over the model: measured on each parameter's view.
                List<NDArray> directionViews = packed.isPresent() && !wanted.isEmpty()
                        ? packed.get().layout().views(directions.get(0)) : directions;
                controller.beforeUpdate(state.apply(batchLoss),
                        signalMeter.measure(wanted, weights, gradients, directionViews));
                lr = controller.learningRate();
                optimizer.apply(updated, directions, lr);
                signalMeter.remember(wanted, directionViews);
            } else {
                lr = controller.learningRate();
            }
            if (scripted.isEmpty()) {
                for (NDArray weight : weights) {
                    TorchRuntime.zeroGradient(weight);
                }
            }
            return new Result(batchLoss, lr);
        }
    }

    /** A copy of the optimizer's state, with each parameter's buffers of its own shape whatever it runs on. */
    OptimizerState optimizerState() {
        OptimizerState state = optimizer.snapshot();
        return packed.isPresent() ? packed.get().layout().unpack(state) : state;
    }

    /**
     * Replaces the optimizer's state with a copy {@link #optimizerState} gave, from this trial or another of the same
     * model and optimizer spec; a copy that does not fit changes nothing.
     *
     * @throws IllegalArgumentException if the copy does not fit the optimizer (another spec, or another model)
     */
    void restoreOptimizer(OptimizerState state) {
        optimizer.restore(packed.isPresent() ? packed.get().layout().pack(state) : state);
    }

    /** The batch's loss and the gradients autograd leaves in the parameters, which the step zeroes after use. */
    private BatchGradients autograd(NDArray x, NDArray y) {
        NDArray value;
        try (GradientCollector collector = engine.newGradientCollector()) {
            value = loss.of(forward.apply(x, true), y);
            TorchRuntime.backward(value, one);
        }
        List<NDArray> weights = parameters.arrays();
        List<NDArray> gradients = new ArrayList<>(weights.size());
        for (NDArray weight : weights) {
            gradients.add(weight.getGradient());
        }
        // Its only element, read without getFloat()'s extra indexing op (2.6 µs against 0.5).
        return new BatchGradients(value.toFloatArray()[0], gradients);
    }

    /** What one optimizer step measured: the batch loss and the learning rate it was taken with. */
    record Result(double loss, double learningRate) {
    }
}
