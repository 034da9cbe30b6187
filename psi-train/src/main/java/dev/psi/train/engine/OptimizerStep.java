package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.psi.core.controller.Controller;
import dev.psi.core.controller.LossAverage;
import dev.psi.core.controller.Signal;
import dev.psi.core.controller.TrainingState;
import dev.psi.train.optim.Optimizer;
import dev.psi.train.optim.OptimizerState;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * One optimizer step of a trial on one batch: the batch's loss and gradients, the controller's α, and the update.
 *
 * <p>The loss and gradients come from the trial's {@link NetworkPasses}: a perceptron's program
 * ({@link ScriptedPerceptron}, one native call) or libtorch's autograd ({@link AutogradPasses}), with the same
 * numbers.
 *
 * <p>The controller sees the batch loss (and the signals it asked for) before it sets α, so that step sizes
 * computed from the current batch (Polyak, L4) are possible. A step whose loss is not finite updates nothing:
 * neither the parameters nor the loss average nor the controller.
 *
 * <p>Every step runs inside an {@link NDScope} that frees all its intermediates at once, and its only host
 * synchronization is reading the loss the controller needs anyway.
 */
final class OptimizerStep {

    private final NetworkPasses passes;
    private final ModelParameters parameters;
    private final Optimizer optimizer;
    private final SignalMeter signalMeter;
    /**
     * The packed parameters, when the optimizer runs on them as one tensor (an {@link Optimizer#elementwise} one on
     * {@link ModelParameters#packed} parameters); empty when it runs on the parameters one by one.
     */
    private final Optional<ModelParameters.Packed> packed;

    /** A step of the {@code parameters} of the network {@code passes} runs, by {@code optimizer}. */
    OptimizerStep(NetworkPasses passes, ModelParameters parameters, Optimizer optimizer, SignalMeter signalMeter) {
        this.passes = passes;
        this.parameters = parameters;
        this.optimizer = optimizer;
        this.signalMeter = signalMeter;
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
            BatchGradients batch = passes.gradients(batches, from, to);
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
            passes.endStep();
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

    /** What one optimizer step measured: the batch loss and the learning rate it was taken with. */
    record Result(double loss, double learningRate) {
    }
}
