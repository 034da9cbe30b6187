package dev.psi.lab.surface;

import dev.psi.core.result.SurfaceRow;

import dev.psi.core.result.EpochResult;
import java.util.function.DoubleSupplier;

/**
 * Rates fixed in advance, one per epoch, whatever the losses: a random walk or a constant grid rate.
 * Every epoch is kept and is one surface row.
 */
final class OpenLoopDriver implements EpochDriver {

    private final String kind;
    private final DoubleSupplier rates;

    /**
     * @param kind the rows' kind, {@link SurfaceRow#WALK} or {@link SurfaceRow#GRID}
     * @param rates α of each epoch in turn
     */
    OpenLoopDriver(String kind, DoubleSupplier rates) {
        this.kind = kind;
        this.rates = rates;
    }

    @Override
    public void drive(SurfaceTrial run) {
        double startLoss = Double.NaN;
        double meanLoss = Double.NaN;
        for (int epoch = 0; run.running(); epoch++) {
            double lr = rates.getAsDouble();
            EpochResult result = run.train(lr);
            double endLoss = run.endLoss();
            run.recordEpoch(result);
            run.record(run.row(kind, epoch, startLoss, meanLoss, lr, result, endLoss));
            startLoss = endLoss;
            meanLoss = result.trainLoss();
        }
    }
}
