package dev.psi.core.result;

/**
 * What one finished epoch of a trial measured; one row of the {@code epochs} table.
 *
 * @param epoch epoch index, 0-based
 * @param lr mean learning rate α over the epoch's optimizer steps
 * @param trainLoss mean training loss over the epoch's batches
 * @param valLoss validation loss after the epoch
 * @param valAccuracy validation accuracy after the epoch ({@code NaN} for regression tasks)
 * @param steps optimizer steps taken in the whole trial up to the end of this epoch
 * @param wallSeconds wall-clock seconds of this epoch, validation included
 */
public record EpochResult(
        int epoch, double lr, double trainLoss, double valLoss, double valAccuracy, long steps, double wallSeconds) {
}
