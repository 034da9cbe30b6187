package dev.psi.core.result;

/**
 * One measurement of a trial's validation metrics: on the fixed validation subset every {@code eval_every}
 * steps, or on the whole validation split at the end of an epoch; one row of the {@code evaluations} table.
 * Convergence time is read from these rows, so that it moves in fractions of an epoch.
 *
 * @param epoch index of the epoch it was taken in, 0-based
 * @param step optimizer steps of the whole trial when it was taken (as {@link EpochResult#steps()}: steps of
 *     rejected attempts of an epoch included)
 * @param epochs epochs trained when it was taken, fractional: {@code epoch + k / stepsPerEpoch} after the
 *     accepted attempt's k-th step, {@code epoch + 1} at the epoch's end
 * @param valLoss validation loss
 * @param valAccuracy validation accuracy ({@code NaN} for regression tasks)
 * @param examples validation examples it measured: the subset's size, or the whole split's at the epoch's end
 * @param trainSeconds wall seconds spent training in this epoch until it was taken, every attempt of the epoch
 *     counted and every evaluation (subset and whole split) left out
 */
public record Evaluation(
        int epoch, long step, double epochs, double valLoss, double valAccuracy, int examples, double trainSeconds) {
}
