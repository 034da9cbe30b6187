package dev.psi.train.engine;

import dev.psi.core.controller.TrainingState;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.Recovery;
import java.util.List;

/**
 * Observes a trial as it trains, e.g. to draw a progress bar or to write each epoch to the store.
 * Callbacks run on the training thread and should be quick.
 */
public interface TrialListener {

    /** A listener that ignores everything. */
    TrialListener NONE = new TrialListener() {
    };

    /** After every optimizer step. */
    default void onStep(TrainingState state, double learningRate) {
    }

    /**
     * After every finished epoch, just before {@link #onEpoch}: the evaluations of its accepted attempt in
     * step order, those of the fixed validation subset first and that of the whole split last. Evaluations of
     * rejected attempts and of an epoch that diverged are never reported: those parameters were thrown away.
     */
    default void onEvaluations(List<Evaluation> evaluations) {
    }

    /** After every finished epoch and its validation. */
    default void onEpoch(EpochResult epoch) {
    }

    /** After the trial rolled back to the start of an epoch because the controller asked it to. */
    default void onRecovery(Recovery recovery) {
    }
}
