package dev.psi.train.engine;

import dev.psi.core.spec.Spec;

/**
 * Everything that fixes a trial besides its data: the same config and data with the same seed give the
 * same numbers on the same machine.
 *
 * @param model model spec, e.g. {@code mlp(hidden=[256])}
 * @param optimizer optimizer spec, e.g. {@code SGD(momentum=0.9)}
 * @param controller controller spec, e.g. {@code OneCycleLR(max_lr=0.3,epochs=10)}
 * @param batchSize examples per optimizer step
 * @param epochs the epoch budget
 * @param seed fixes initialization and data order
 * @param lossSmoothing β of the bias-corrected moving average of the batch loss that controllers see
 * @param evalEvery optimizer steps between evaluations on the fixed validation subset, or 0 for the default of
 *     about 8 evaluations per epoch ({@link Trial#defaultEvalEvery}); a value of an epoch's steps or more leaves
 *     only the whole-split pass at each epoch's end
 */
public record TrialConfig(Spec model, Spec optimizer, Spec controller, int batchSize, int epochs, long seed,
        double lossSmoothing, int evalEvery) {

    /** The smoothing Psi uses unless told otherwise: about the last 50 batches. */
    public static final double DEFAULT_LOSS_SMOOTHING = 0.98;

    public TrialConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (evalEvery < 0) {
            throw new IllegalArgumentException("eval_every must be >= 1 (or 0 for the default), got " + evalEvery);
        }
    }

    /** A config that evaluates the validation subset as often as the default says. */
    public TrialConfig(Spec model, Spec optimizer, Spec controller, int batchSize, int epochs, long seed,
            double lossSmoothing) {
        this(model, optimizer, controller, batchSize, epochs, seed, lossSmoothing, 0);
    }
}
