package dev.psi.core.controller;

/**
 * Decides the learning rate α before every optimizer step from the training state.
 *
 * <p>Lifecycle, driven by the training engine (a controller never calls the engine):
 * <ol>
 *   <li>The controller is created from a spec through {@code dev.psi.core.Controllers#create}; its
 *       {@link #learningRate()} is then the rate for the first step.</li>
 *   <li>Before every optimizer step the engine reads {@link #learningRate()}.</li>
 *   <li>After every optimizer step it calls {@link #afterStep(TrainingState)}.</li>
 *   <li>After every epoch, once validation is done, it calls {@link #afterEpoch(TrainingState)}.</li>
 * </ol>
 * {@link #copy()} takes a snapshot: the engine keeps the copy with a checkpoint and resumes from a
 * copy of it, so that training can branch from the same state more than once.
 */
public interface Controller {

    /** The learning rate for the next optimizer step. */
    double learningRate();

    /** Observes the state after an optimizer step. */
    void afterStep(TrainingState state);

    /** Observes the state after an epoch and its validation. */
    void afterEpoch(TrainingState state);

    /** An independent controller in exactly this state. */
    Controller copy();
}
