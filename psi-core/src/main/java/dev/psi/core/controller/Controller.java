package dev.psi.core.controller;

import java.io.Serializable;
import java.util.Set;

/**
 * Decides the learning rate α before every optimizer step from the training state.
 *
 * <p>Lifecycle, driven by the training engine (a controller never calls the engine):
 * <ol>
 *   <li>The controller is created from a spec through {@code dev.psi.core.Controllers#create}.</li>
 *   <li>For every batch the engine computes the loss and the gradient, then calls
 *       {@link #beforeUpdate(TrainingState, StepSignals)} with this batch's loss and the
 *       {@link #signals()} the controller asked for, then reads {@link #learningRate()} and applies
 *       the optimizer's update with it.</li>
 *   <li>After every optimizer step it calls {@link #afterStep(TrainingState)}.</li>
 *   <li>After every epoch, once validation is done, it calls {@link #afterEpoch(TrainingState)}, then
 *       asks {@link #rollBack()}: {@code true} makes the engine restore the parameters and optimizer
 *       state of the start of that epoch (the controller keeps its own state), record a recovery and
 *       train the epoch again, at whatever rate the controller now sets. The rejected attempt's steps
 *       and seconds count in the retried epoch's; an epoch is retried a bounded number of times.</li>
 *   <li>When a batch or validation loss is NaN or infinite the engine asks
 *       {@link #recoverFromDivergence()}: {@code true} rolls back and retries the same way,
 *       {@code false} ends the trial as diverged.</li>
 * </ol>
 * {@link #copy()} takes a snapshot: the engine keeps the copy with a checkpoint and resumes from a
 * copy of it, so that training can branch from the same state more than once.
 *
 * <p>A controller's state must be exactly its serializable fields: after every epoch the engine also
 * writes the controller, with Java serialization ({@code ObjectOutputStream.writeObject}), into the
 * checkpoint it stores in the database, and a worker that takes over a killed trial resumes from it.
 * A deserialized controller continues exactly as the original would, with the same learning rate at
 * every later step. So everything reachable from its fields is serializable: no lambda or method
 * reference (use an enum or a small serializable class), no {@code Optional} or {@code OptionalDouble}
 * (use {@code NaN}), and nothing the controller needs in a transient or static field. Objects its
 * fields share stay shared in the copy. Each implementation declares a {@code serialVersionUID}.
 */
public interface Controller extends Serializable {

    /**
     * Checks, before any training, that this controller can drive a whole run of {@code epochs} epochs of
     * {@code stepsPerEpoch} optimizer steps. A schedule of fixed length ({@code OneCycleLR}'s total steps)
     * would otherwise fail at the step past its end, as PyTorch's raises there, after part of the budget
     * was spent. Nothing to check by default; a wrapper asks the controller it wraps.
     *
     * @throws IllegalArgumentException naming the schedule's length and the run's
     */
    default void checkCovers(int epochs, int stepsPerEpoch) {
    }

    /** The step measurements this controller needs in {@link #beforeUpdate}; none by default. */
    default Set<Signal> signals() {
        return Set.of();
    }

    /**
     * Observes the batch about to be applied: {@code state.batchLoss()} and {@code state.smoothedLoss()}
     * already include it, {@code state.step()} counts the steps before it. Called before
     * {@link #learningRate()} is read for this step.
     */
    default void beforeUpdate(TrainingState state, StepSignals signals) {
    }

    /** Whether this controller may ever ask for a roll-back; the engine keeps epoch checkpoints only then. */
    default boolean mayRollBack() {
        return false;
    }

    /** Asked after {@link #afterEpoch}: roll the model back to the start of the epoch just finished? */
    default boolean rollBack() {
        return false;
    }

    /** Asked when a batch loss is NaN or infinite: roll back and go on ({@code true}), or end the trial? */
    default boolean recoverFromDivergence() {
        return false;
    }

    /** The learning rate for the next optimizer step. */
    double learningRate();

    /** Observes the state after an optimizer step; nothing by default. */
    default void afterStep(TrainingState state) {
    }

    /** Observes the state after an epoch and its validation; nothing by default. */
    default void afterEpoch(TrainingState state) {
    }

    /** An independent controller in exactly this state. */
    Controller copy();
}
