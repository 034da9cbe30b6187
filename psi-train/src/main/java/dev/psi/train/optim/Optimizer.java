package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * An optimizer's update rule, applied in place to a model's parameters with the learning rate the
 * controller chose for this step. Formulas follow the PyTorch documentation of {@code torch.optim}
 * exactly, so that a spec like {@code SGD(momentum=0.9)} means the same in Psi as in PyTorch.
 *
 * <p>A step has two phases so that a controller can look at the direction before choosing α (L4 needs
 * g·d): {@link #directions} advances the optimizer's state with this step's gradients and returns, per
 * parameter, the direction d of the update θ ← θ − α·d; {@link #apply} then moves the parameters.
 * {@link #step} does both. Optimizers that change the update rule (Prodigy, Schedule-Free) still
 * return a direction that describes the step per unit α, and document how their update relates to it.
 *
 * <p>Lifecycle: created by {@link Optimizers#create}; one {@code directions}/{@code apply} pair per
 * optimizer step, with the parameters and their gradients in the same order every time (state is kept
 * per position); {@link #snapshot()} and {@link #restore} copy the state for checkpoints;
 * {@link #close()} frees the state tensors. Temporaries a step creates, directions included, belong to
 * the caller's {@link ai.djl.ndarray.NDScope}.
 */
public interface Optimizer extends AutoCloseable {

    /** The optimizer family, e.g. {@code SGD} or {@code Adam}. */
    String name();

    /**
     * Advances the state with this step's gradients; returns each parameter's update direction. A
     * direction may be one of the optimizer's own buffers: it is valid until the next call. The gradients
     * are read-only: they may be tensors that refuse in-place changes (those a TorchScript program returns).
     */
    List<NDArray> directions(List<NDArray> parameters, List<NDArray> gradients);

    /**
     * Moves every parameter by −α·d, in place, or by the optimizer's own rule where its documentation
     * says so; {@code directions} must be the ones {@link #directions} returned for this step.
     */
    void apply(List<NDArray> parameters, List<NDArray> directions, double learningRate);

    /** One whole step: {@code apply(parameters, directions(parameters, gradients), learningRate)}. */
    default void step(List<NDArray> parameters, List<NDArray> gradients, double learningRate) {
        apply(parameters, directions(parameters, gradients), learningRate);
    }

    /**
     * Whether the update of every element of a parameter depends on that element's gradient and state only (and on
     * α and the step count), as in SGD, Adam, RMSprop and Adagrad. Such an optimizer gives the same numbers on
     * parameters packed into one flat tensor as on the parameters one by one, so a caller may pass it a single packed
     * parameter and gradient: one native call per op instead of one per op and parameter. False for the optimizers
     * whose rule sums over a parameter or over all of them (DoG, Prodigy) or treats the parameters as a set
     * (Schedule-Free).
     */
    default boolean elementwise() {
        return false;
    }

    /**
     * Called before validation. Optimizers whose gradient is taken at a different point than the one to
     * evaluate (Schedule-Free's y and x) swap the parameters here; the others do nothing.
     */
    default void beginEvaluation(List<NDArray> parameters) {
    }

    /** Called after validation: undoes {@link #beginEvaluation}. */
    default void endEvaluation(List<NDArray> parameters) {
    }

    /** A copy of the optimizer state (step count and buffers), independent of any tensor. */
    OptimizerState snapshot();

    /** Replaces the state with a snapshot taken from an optimizer of the same spec and model. */
    void restore(OptimizerState state);

    @Override
    void close();
}
