package dev.psi.lab.surface;

import dev.psi.core.result.SurfaceRow;

import dev.psi.core.Controllers;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import dev.psi.store.ResultStore;
import dev.psi.train.engine.Trial;

/**
 * One trial of a sampling study while it trains: the engine's {@link Trial}, the {@link LossProbe} that
 * watches it, and what every surface row of the trial shares. Drivers train it one constant-rate epoch
 * at a time and record the epochs and rows they keep.
 */
final class SurfaceTrial {

    private final ResultStore store;
    private final Trial trial;
    private final long trialId;
    private final String study;
    private final String task;
    private final long datasetSize;
    private final LossProbe probe = new LossProbe();
    private long epochsTrained;
    private int rows;

    SurfaceTrial(ResultStore store, Trial trial, long trialId, String study, String task, long datasetSize) {
        this.store = store;
        this.trial = trial;
        this.trialId = trialId;
        this.study = study;
        this.task = task;
        this.datasetSize = datasetSize;
    }

    Trial trial() {
        return trial;
    }

    LossProbe probe() {
        return probe;
    }

    /** Whether another epoch may be trained: the budget is not spent and the loss has not diverged. */
    boolean running() {
        return trial.status() == TrialStatus.RUNNING;
    }

    /** Trains the next epoch at the constant rate {@code lr}; every epoch counts, kept or not. */
    EpochResult train(double lr) {
        trial.useController(Controllers.create(SamplingMode.Grid.spec(lr),
                new ControllerContext(trial.stepsPerEpoch(), trial.config().epochs())));
        epochsTrained++;
        return trial.trainEpoch(probe);
    }

    /**
     * ε at the end of the epoch just trained: the smoothed loss, or +∞ when the epoch diverged. The engine
     * ends a trial as diverged when a batch loss or the validation loss is NaN or infinite; it stops at
     * such a batch, so the probe would hold a stale value, and a finite but huge smoothed loss is no
     * measurement of convergence either.
     */
    double endLoss() {
        return trial.status() == TrialStatus.DIVERGED ? Double.POSITIVE_INFINITY : probe.smoothed();
    }

    /**
     * The surface row of an epoch.
     *
     * @param startLoss ε_i, or {@code NaN} for epoch 0, whose ε is ε₀
     * @param meanLoss the mean training loss of the epoch before, {@code NaN} for epoch 0
     */
    SurfaceRow row(String kind, int epoch, double startLoss, double meanLoss, double lr, EpochResult result,
            double nextLoss) {
        double loss = epoch == 0 ? probe.first() : startLoss;
        return new SurfaceRow(trialId, study, task, kind, datasetSize, trial.parameterCount(),
                trial.config().batchSize(), trial.config().optimizer().name(), trial.config().epochs(), probe.first(),
                epoch, loss, meanLoss, lr, nextLoss, Math.log(loss / nextLoss), result.valLoss(), result.valAccuracy());
    }

    /** Stores a surface row, committed at once. */
    void record(SurfaceRow row) {
        store.recordSurface(row);
        rows++;
    }

    /**
     * Stores the epoch just kept as an epoch of the trial's own trajectory, as {@code psi train} would: an
     * epoch that diverged is no {@code epochs} row (the trial's status and diverged epoch tell of it), but
     * it still is a surface row.
     */
    void recordEpoch(EpochResult result) {
        if (trial.status() != TrialStatus.DIVERGED) {
            store.recordEpoch(trialId, result);
        }
    }

    /** Epochs trained so far, branches and lookahead included. */
    long epochsTrained() {
        return epochsTrained;
    }

    /** Surface rows recorded so far. */
    int rows() {
        return rows;
    }
}
