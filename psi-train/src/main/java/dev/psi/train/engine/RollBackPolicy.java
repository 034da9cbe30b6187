package dev.psi.train.engine;

import dev.psi.core.controller.Controller;
import dev.psi.core.result.Recovery;
import java.util.Optional;

/**
 * When one epoch of a trial is trained again from its start: the engine's side of a controller's roll-backs
 * ({@link Controller#mayRollBack()}, {@link Controller#recoverFromDivergence()}, {@link Controller#rollBack()}).
 *
 * <p>An epoch is retried at most {@value #MAX_RETRIES} times, and only when its start was saved (the
 * controller said it may roll back). A diverged attempt is retried when the controller recovers from it; a
 * finished one when the controller rejects it <em>and</em> changed its rate, since from the same start, on the
 * same batches, at the same rate, a retry would repeat the attempt exactly (a bold driver clamped at
 * {@code min_lr}). Otherwise a rejected attempt is kept and a diverged one ends the trial.
 *
 * <p>One policy per epoch: {@link #beforeAttempt} before every attempt, then {@link #afterDivergence} or
 * {@link #afterEpoch} once.
 */
final class RollBackPolicy {

    /**
     * Retries of one epoch after roll-backs: enough for any sensible recovery budget, few enough that a
     * controller rejecting every attempt cannot hold the trial in one epoch.
     */
    static final int MAX_RETRIES = 20;

    private final boolean saved;
    private int retries;
    private boolean mayRetry;
    private double rate;

    /** @param saved whether the epoch's start was saved, so that it can be trained again */
    RollBackPolicy(boolean saved) {
        this.saved = saved;
    }

    /** Notes the rate the attempt starts with, before it trains. */
    void beforeAttempt(Controller controller) {
        mayRetry = saved && retries < MAX_RETRIES;
        rate = controller.learningRate();
    }

    /**
     * After an attempt whose loss diverged: {@link Recovery#DIVERGED} when the epoch is to be trained again, empty
     * when the trial ends. The controller is asked only while a retry is left.
     */
    Optional<String> afterDivergence(Controller controller) {
        return retry(mayRetry && controller.recoverFromDivergence(), Recovery.DIVERGED);
    }

    /**
     * After a finished attempt (and {@link Controller#afterEpoch}): {@link Recovery#REJECTED} when the epoch is to
     * be trained again, empty when the attempt is kept. The controller is asked every epoch, so that it can keep
     * its bookkeeping, even when no retry is left.
     */
    Optional<String> afterEpoch(Controller controller) {
        boolean rejected = controller.rollBack();
        return retry(mayRetry && rejected && controller.learningRate() != rate, Recovery.REJECTED);
    }

    private Optional<String> retry(boolean again, String reason) {
        if (!again) {
            return Optional.empty();
        }
        retries++;
        return Optional.of(reason);
    }
}
