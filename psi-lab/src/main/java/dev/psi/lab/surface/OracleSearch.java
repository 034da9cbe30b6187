package dev.psi.lab.surface;

import dev.psi.core.result.SurfaceRow;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import dev.psi.train.engine.Checkpoint;
import dev.psi.train.engine.Trial;

/**
 * The oracle's learning-rate trajectory, found by branching. At each epoch i, from a checkpoint of the
 * trial, every candidate α_{i−1} · m trains H epochs of lookahead at that constant rate (the checkpoint
 * is restored between candidates); each candidate's first epoch is a {@link SurfaceRow#BRANCH} row; the
 * candidate with the lowest objective after its lookahead wins, and its first epoch becomes epoch i of
 * the trial (an {@link SurfaceRow#ORACLE} row and an {@code epochs} row).
 *
 * <p>The winner is not trained again: its state after its first epoch is kept as a checkpoint and
 * restored. A restored trial replays exactly, so retraining would give the same numbers and cost one
 * epoch more; the oracle's cost is therefore K·H epochs per trajectory epoch (fewer near the end of the
 * budget, where the lookahead is cut short). Only when every candidate's first epoch diverged does the
 * winner, the first listed, train again from the checkpoint, so that the trial ends diverged there.
 *
 * <p>Ties, in practice only between candidates that all diverged, go to the candidate listed first.
 */
final class OracleSearch implements ResumableDriver {

    private final SamplingMode.Oracle mode;
    private final double start;

    /** One candidate's outcome: its row, its first epoch, its state after that epoch, its objective. */
    private record Branch(SurfaceRow row, EpochResult first, Checkpoint afterFirst, double objective) {
    }

    /**
     * @param mode the candidates, horizon and objective
     * @param start α_{−1}, the rate the first epoch's factors multiply
     */
    OracleSearch(SamplingMode.Oracle mode, double start) {
        this.mode = mode;
        this.start = start;
    }

    @Override
    public void drive(SurfaceTrial run) {
        drive(run, 0, start, Double.NaN);
    }

    @Override
    public void resume(SurfaceTrial run, TrajectoryCheckpoint point) {
        drive(run, point.nextEpoch(), point.previousRate(), point.meanLoss());
    }

    /**
     * Explores and keeps epochs from {@code firstEpoch} on; after each kept epoch that the budget does not
     * end, the trajectory's checkpoint is stored, so a killed trial loses at most the epoch being explored.
     */
    private void drive(SurfaceTrial run, int firstEpoch, double previousRate, double meanLoss) {
        Trial trial = run.trial();
        for (int epoch = firstEpoch; run.running(); epoch++) {
            Checkpoint origin = trial.checkpoint();
            // ε_i is the smoothed loss the checkpoint carries: the probe has seen the last branch since.
            double startLoss = epoch == 0 ? Double.NaN : origin.lossAverage().value();
            Branch best = null;
            for (int k = 0; k < mode.candidates().size(); k++) {
                if (k > 0) {
                    trial.restore(origin);
                }
                Branch branch = explore(run, epoch, startLoss, meanLoss, previousRate * mode.candidates().get(k));
                if (best == null || branch.objective() < best.objective()) {
                    best = branch;
                }
            }
            if (best.afterFirst() != null) {
                trial.restore(best.afterFirst());
            } else {
                trial.restore(origin);
                run.train(best.row().lr());
            }
            run.recordEpoch(best.first());
            run.record(best.row().withKind(SurfaceRow.ORACLE));
            previousRate = best.row().lr();
            meanLoss = best.first().trainLoss();
            if (run.running()) {
                run.saveCheckpoint(epoch + 1, previousRate, meanLoss);
            }
        }
    }

    /** Trains one candidate from the current state: its first epoch (recorded as a branch), then its lookahead. */
    private Branch explore(SurfaceTrial run, int epoch, double startLoss, double meanLoss, double lr) {
        Trial trial = run.trial();
        EpochResult first = run.train(lr);
        SurfaceRow row = run.row(SurfaceRow.BRANCH, epoch, startLoss, meanLoss, lr, first, run.endLoss());
        run.record(row);
        Checkpoint afterFirst = trial.status() == TrialStatus.DIVERGED ? null : trial.checkpoint();
        EpochResult last = first;
        for (int ahead = 1; ahead < mode.horizon() && run.running(); ahead++) {
            last = run.train(lr);
        }
        return new Branch(row, first, afterFirst, objective(run, last));
    }

    /** The objective after a lookahead that ended with {@code last}; +∞ once the loss diverged. */
    private double objective(SurfaceTrial run, EpochResult last) {
        if (run.trial().status() == TrialStatus.DIVERGED) {
            return Double.POSITIVE_INFINITY;
        }
        double value = switch (mode.objective()) {
            case VAL_LOSS -> last.valLoss();
            case TRAIN_LOSS -> run.endLoss();
        };
        return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    }
}
