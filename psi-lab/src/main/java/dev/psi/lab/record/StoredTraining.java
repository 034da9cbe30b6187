package dev.psi.lab.record;

import dev.psi.core.controller.TrainingState;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.TrialStatus;
import dev.psi.store.ResultStore;
import dev.psi.store.StoredCheckpoint;
import dev.psi.train.engine.Checkpoint;
import dev.psi.train.engine.Trial;
import dev.psi.train.engine.TrialListener;
import dev.psi.train.engine.TrialOutcome;
import java.util.List;
import java.util.Optional;

/**
 * Trains a stored trial to its end, the same way for {@code psi train} and a study's workers: every epoch (its
 * evaluations just before it) and roll-back is written as it happens ({@link TrialRecorder}) and, while the
 * trial goes on, its {@link dev.psi.train.engine.Checkpoint} after every epoch, so that a process killed now
 * loses only the epoch in flight. Then the trial's row gets its outcome and the checkpoint is deleted; a
 * failure ends a row still running as failed.
 */
public final class StoredTraining {

    private StoredTraining() {
    }

    /**
     * Restores {@code trial} to the checkpoint an unfinished attempt left. One that cannot be read or does not
     * fit (written by another version of Psi, or before the task's spec changed) is abandoned
     * ({@link dev.psi.store.CheckpointStore#abandon}) and the trial starts afresh.
     *
     * @return the checkpoint restored, or empty if it was unusable (and {@code trial} must not be used)
     */
    public static Optional<Checkpoint> restore(ResultStore store, Trial trial, StoredCheckpoint stored) {
        try {
            Checkpoint checkpoint = Checkpoint.fromBytes(stored.state());
            trial.restore(checkpoint);
            return Optional.of(checkpoint);
        } catch (RuntimeException e) {
            store.checkpoints().abandon(stored.trialId(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Trains {@code trial}'s remaining epochs as the trial {@code recorder} records.
     *
     * @param display also told of every step, epoch and roll-back (a progress bar, a table), after the store
     * @param secondsBefore wall-clock seconds of the epochs a resumed trial trained before
     * @return the outcome, its seconds including {@code secondsBefore}
     */
    public static TrialOutcome train(TrialRecorder recorder, Trial trial, TrialListener display, double secondsBefore) {
        TrialListener listener = new TrialListener() {
            @Override
            public void onStep(TrainingState state, double learningRate) {
                display.onStep(state, learningRate);
            }

            @Override
            public void onEvaluations(List<Evaluation> evaluations) {
                recorder.onEvaluations(evaluations);
                display.onEvaluations(evaluations);
            }

            @Override
            public void onEpoch(EpochResult epoch) {
                recorder.onEpoch(epoch);
                display.onEpoch(epoch);
            }

            @Override
            public void onRecovery(Recovery recovery) {
                recorder.onRecovery(recovery);
                display.onRecovery(recovery);
            }
        };
        long start = System.nanoTime();
        try {
            while (trial.status() == TrialStatus.RUNNING) {
                EpochResult epoch = trial.trainEpoch(listener);
                if (trial.status() == TrialStatus.RUNNING) {
                    recorder.saveCheckpoint(epoch.epoch(), trial.checkpoint().toBytes());
                }
            }
        } catch (RuntimeException e) {
            // A trial the shutdown hook marked interrupted while this failed keeps its mark and its checkpoint.
            if (recorder.failIfRunning(String.valueOf(e.getMessage()))) {
                recorder.deleteCheckpoint();
            }
            throw e;
        }
        double seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
        // The history holds the finished epochs; a diverged epoch is not among them, it is the next one.
        recorder.finish(trial.status(), trial.history().size(), null, seconds);
        recorder.deleteCheckpoint();
        return new TrialOutcome(trial.status(), trial.divergedEpoch(), trial.history(), trial.recoveries(), seconds);
    }
}
