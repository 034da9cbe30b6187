package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;

/**
 * How a trial's network is run: on a training batch forward and backward, for its loss and gradients, and on a
 * held-out batch forward only, for its loss and correct predictions. Two implementations give the same numbers:
 * {@link ScriptedPerceptron}, a TorchScript program for perceptrons, and {@link AutogradPasses}, DJL's ops and
 * libtorch's autograd for every network.
 *
 * <p>Lifecycle: made with the trial; at every optimizer step {@link #gradients} inside the step's
 * {@link ai.djl.ndarray.NDScope}, then {@link #endStep} once the update is applied; {@link #evaluate} on every
 * held-out batch between steps, inside a scope too (the tensors it makes are the scope's to free); {@link #close} with
 * the trial. Every call runs with libtorch's grad mode off in the calling thread ({@link TorchRuntime#disableGradMode},
 * as {@link Trial#trainEpoch} sets it), and in one thread at a time: the thread that trains the trial, which may change
 * between epochs.
 */
interface NetworkPasses extends AutoCloseable {

    /**
     * The mean loss of the examples at positions [from, to) of the epoch's order in {@code batches}, and its gradient
     * with respect to each parameter, in the parameters' order: valid until {@link #endStep}.
     */
    BatchGradients gradients(Batches batches, int from, int to);

    /** Called once the step's update is applied: the gradients of {@link #gradients} are no longer read. */
    default void endStep() {
    }

    /**
     * The mean loss on the held-out batch ({@code features}, {@code targets}), the value of its float32 tensor, and
     * for cross-entropy, second, the number of examples whose largest output is their class.
     */
    double[] evaluate(NDArray features, NDArray targets);

    @Override
    void close();
}
