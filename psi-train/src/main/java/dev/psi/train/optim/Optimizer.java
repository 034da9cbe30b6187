package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * An optimizer's update rule, applied in place to a model's parameters with the learning rate the
 * controller chose for this step. Formulas follow the PyTorch documentation of {@code torch.optim}
 * exactly, so that a spec like {@code SGD(momentum=0.9)} means the same in Psi as in PyTorch.
 *
 * <p>Lifecycle: created by {@link Optimizers#create}; {@link #step} is called once per optimizer step
 * with the parameters and their gradients in the same order every time (state is kept per position);
 * {@link #snapshot()} and {@link #restore} copy the state for checkpoints; {@link #close()} frees the
 * state tensors. Temporaries a step creates belong to the caller's {@link ai.djl.ndarray.NDScope}.
 */
public interface Optimizer extends AutoCloseable {

    /** The optimizer family, e.g. {@code SGD} or {@code Adam}. */
    String name();

    /** Applies one update to every parameter, in place. */
    void step(List<NDArray> parameters, List<NDArray> gradients, double learningRate);

    /** A copy of the optimizer state (step count and buffers), independent of any tensor. */
    OptimizerState snapshot();

    /** Replaces the state with a snapshot taken from an optimizer of the same spec and model. */
    void restore(OptimizerState state);

    @Override
    void close();
}
