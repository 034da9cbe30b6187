package dev.psi.core.controller;

/**
 * What a controller factory may need to know of the run it will drive, e.g. {@code OneCycleLR(epochs=10)}
 * turns epochs into steps with {@code stepsPerEpoch}.
 *
 * @param stepsPerEpoch optimizer steps in one epoch (1 when the caller ticks once per epoch)
 * @param epochs the epoch budget of the run, or 0 when unknown
 * @param task what is known of the task, {@link TaskFeatures#UNKNOWN} when nothing is
 */
public record ControllerContext(int stepsPerEpoch, int epochs, TaskFeatures task) {

    /** A context that knows nothing of the task. */
    public ControllerContext(int stepsPerEpoch, int epochs) {
        this(stepsPerEpoch, epochs, TaskFeatures.UNKNOWN);
    }

    public ControllerContext {
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("stepsPerEpoch must be >= 1, got " + stepsPerEpoch);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        task = task == null ? TaskFeatures.UNKNOWN : task;
    }
}
