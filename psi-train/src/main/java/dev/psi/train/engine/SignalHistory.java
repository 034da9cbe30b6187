package dev.psi.train.engine;

import dev.psi.train.optim.TensorCopy;
import java.util.List;

/**
 * What the step measurements carry from one step to the next, saved with a {@link Checkpoint} so that
 * a restored trial measures the same signals as one that never stopped: the previous update directions
 * (for g·d_{t−1}) and the moving average of the gradients (for ḡ·d). Both are empty unless a controller
 * asked for those signals.
 *
 * @param previousDirections the last step's update direction per parameter
 * @param gradientAverages the stored (not yet bias-corrected) gradient average per parameter
 * @param averagedSteps the steps folded into the average
 */
public record SignalHistory(List<TensorCopy> previousDirections, List<TensorCopy> gradientAverages, long averagedSteps) {

    public SignalHistory {
        previousDirections = List.copyOf(previousDirections);
        gradientAverages = List.copyOf(gradientAverages);
    }
}
