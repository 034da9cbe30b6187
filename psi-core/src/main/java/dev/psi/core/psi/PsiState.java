package dev.psi.core.psi;

import dev.psi.core.controller.TaskFeatures;
import java.util.Objects;

/**
 * The point of training at which Ψ is asked for a learning rate: everything a {@link PsiFeature} is
 * computed from. The same value is built by the {@link PsiController} during training and by the fitter
 * from each surface row, so that a model sees during training exactly the features it was fitted on.
 *
 * <p>Definitions (those of the lab's {@code SurfaceRow}): ε₀ is the first batch loss of the trial; ε_i is
 * the smoothed batch loss when epoch i starts, ε₀ for i = 0; the loss ratio is ε_i / ε₀.
 *
 * @param epoch i, 0-based; fractional (step / steps per epoch) for a controller that acts on every step
 * @param epochs E, the epoch budget of the run, or 0 when unknown
 * @param lossRatio ε_i / ε₀
 * @param task what is known of the task
 */
public record PsiState(double epoch, int epochs, double lossRatio, TaskFeatures task) {

    public PsiState {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        Objects.requireNonNull(task, "task");
    }

    /**
     * The state of the start of epoch {@code epoch} from the losses as a surface row records them.
     *
     * @param loss ε_i
     * @param loss0 ε₀
     */
    public static PsiState of(int epoch, int epochs, double loss, double loss0, TaskFeatures task) {
        return new PsiState(epoch, epochs, loss / loss0, task);
    }
}
