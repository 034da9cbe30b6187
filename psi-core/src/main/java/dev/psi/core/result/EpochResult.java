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
 * @param testLoss test loss after the epoch ({@code NaN} when the task has no test part); only reported,
 *     never used to choose anything
 * @param testAccuracy test accuracy after the epoch ({@code NaN} for regression or without a test part)
 */
public record EpochResult(int epoch, double lr, double trainLoss, double valLoss, double valAccuracy, long steps,
        double wallSeconds, double testLoss, double testAccuracy) {

    /** An epoch without test measurements. */
    public EpochResult(int epoch, double lr, double trainLoss, double valLoss, double valAccuracy, long steps,
            double wallSeconds) {
        this(epoch, lr, trainLoss, valLoss, valAccuracy, steps, wallSeconds, Double.NaN, Double.NaN);
    }
}
