package dev.psi.core.controller;

/**
 * What a controller may observe of a training run at one moment. The engine fills it in; values that
 * do not exist yet (no finished epoch, no validation) are {@code NaN}.
 *
 * @param epoch the current epoch, 0-based (during {@code afterEpoch}: the epoch just finished)
 * @param step optimizer steps taken so far in the whole run
 * @param stepsPerEpoch optimizer steps in one epoch
 * @param epochs the epoch budget of the run
 * @param batchLoss training loss of the last batch
 * @param smoothedLoss bias-corrected exponential moving average of the batch loss
 * @param epochLoss mean training loss of the last finished epoch
 * @param valLoss validation loss after the last finished epoch
 * @param valAccuracy validation accuracy after the last finished epoch
 */
public record TrainingState(
        int epoch,
        long step,
        int stepsPerEpoch,
        int epochs,
        double batchLoss,
        double smoothedLoss,
        double epochLoss,
        double valLoss,
        double valAccuracy) {

    /** The state before any training: epoch 0, step 0, no losses. */
    public static TrainingState initial(int stepsPerEpoch, int epochs) {
        return new TrainingState(0, 0, stepsPerEpoch, epochs, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
