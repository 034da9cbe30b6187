package dev.psi.lab.surface;

import dev.psi.core.result.SurfaceRow;

import dev.psi.core.Controllers;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.TrialStatus;
import dev.psi.lab.record.TrialRecorder;
import dev.psi.train.engine.Trial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One trial of a sampling study while it trains: the engine's {@link Trial}, the {@link LossProbe} that
 * watches it, and what every surface row of the trial shares. Drivers train it one constant-rate epoch
 * at a time and record the epochs and rows they keep.
 */
final class SurfaceTrial {

    private final TrialRecorder recorder;
    private final Trial trial;
    private final long trialId;
    private final String study;
    private final String task;
    private final long datasetSize;
    private final LossProbe probe = new LossProbe();
    private final long startNanos = System.nanoTime();
    private long epochsTrained;
    private int rows;
    private double secondsBefore;

    SurfaceTrial(TrialRecorder recorder, Trial trial, String study, String task, long datasetSize) {
        this.recorder = recorder;
        this.trial = trial;
        this.trialId = recorder.trialId();
        this.study = study;
        this.task = task;
        this.datasetSize = datasetSize;
    }

    Trial trial() {
        return trial;
    }

    long trialId() {
        return trialId;
    }

    /** Where the trial's epochs, evaluations and checkpoints are written. */
    TrialRecorder recorder() {
        return recorder;
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
        TaskFeatures features = TaskFeatures.of(datasetSize, trial.parameterCount(), trial.config().batchSize(),
                trial.config().optimizer());
        return new SurfaceRow(trialId, study, task, kind, features, trial.config().epochs(), probe.first(), epoch, loss,
                meanLoss, lr, nextLoss, Math.log(loss / nextLoss), result.valLoss(), result.valAccuracy());
    }

    /** Stores a surface row, committed at once. */
    void record(SurfaceRow row) {
        recorder.store().surface().record(row);
        rows++;
    }

    /**
     * Stores the epoch just kept as an epoch of the trial's own trajectory, as {@code psi train} would: an
     * epoch that diverged is no {@code epochs} row (the trial's status and diverged epoch tell of it), but
     * it still is a surface row.
     */
    void recordEpoch(EpochResult result) {
        if (trial.status() != TrialStatus.DIVERGED) {
            recorder.onEpoch(result);
        }
    }

    /**
     * Stores the evaluations of the trajectory's kept epochs, those within epochs and at their ends, as
     * {@code psi train} stores them, so that its time to target moves in fractions of an epoch; those of an
     * epoch with no {@code epochs} row (it diverged) are left out.
     */
    void recordEvaluations(List<Evaluation> evaluations) {
        Set<Integer> kept = new HashSet<>();
        trial.history().forEach(epoch -> kept.add(epoch.epoch()));
        Map<Integer, List<Evaluation>> byEpoch = new TreeMap<>();
        for (Evaluation evaluation : evaluations) {
            if (kept.contains(evaluation.epoch())) {
                byEpoch.computeIfAbsent(evaluation.epoch(), e -> new ArrayList<>()).add(evaluation);
            }
        }
        byEpoch.values().forEach(recorder::onEvaluations);
    }

    /**
     * Stores where the trajectory stands after a kept epoch, replacing the previous point, for a killed
     * trial to resume from ({@link #restore}).
     */
    void saveCheckpoint(int nextEpoch, double previousRate, double meanLoss) {
        TrajectoryCheckpoint point = new TrajectoryCheckpoint(nextEpoch, previousRate, meanLoss, probe.first(),
                probe.smoothed(), epochsTrained, rows, seconds(), trial.checkpoint().toBytes());
        recorder.saveCheckpoint(nextEpoch - 1, point.toBytes());
    }

    /**
     * Puts this trial where {@code point} left it, once the engine's trial is restored to the point's state
     * (the part that can fail, done before the trial is taken up again): the probe, and the counts so far.
     */
    void restore(TrajectoryCheckpoint point) {
        probe.restore(point.firstLoss(), point.smoothedLoss());
        epochsTrained = point.epochsTrained();
        rows = point.rows();
        secondsBefore = point.seconds();
    }

    /** Wall-clock seconds of the trajectory so far, those before a resumption included. */
    double seconds() {
        return secondsBefore + (System.nanoTime() - startNanos) / 1e9;
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
