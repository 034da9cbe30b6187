package dev.psi.lab.surface;

import dev.psi.core.controller.TrainingState;
import dev.psi.core.result.Evaluation;
import dev.psi.train.engine.TrialListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches a trial's steps for the losses that define the surface: ε₀, the first batch loss of the trial,
 * and the latest smoothed loss, which is ε_{i+1} once epoch i has ended; and the validation evaluations
 * the engine reports, from which the long-horizon labeller reads a candidate's time to target.
 *
 * <p>The engine reports a step only when its loss is finite, so after a diverged epoch {@link #smoothed()}
 * still holds the last finite value: callers check the epoch's training loss first.
 */
final class LossProbe implements TrialListener {

    private double first = Double.NaN;
    private double smoothed = Double.NaN;
    private final List<Evaluation> evaluations = new ArrayList<>();

    @Override
    public void onStep(TrainingState state, double learningRate) {
        // Step 1 is the first batch of the trial; a branch restored to the start replays the same batch
        // from the same weights, so it sees the same loss again.
        if (state.step() == 1) {
            first = state.batchLoss();
        }
        smoothed = state.smoothedLoss();
    }

    @Override
    public void onEvaluations(List<Evaluation> reported) {
        evaluations.addAll(reported);
    }

    /** The evaluations reported since the last {@link #clearEvaluations()}, in the order reported. */
    List<Evaluation> evaluations() {
        return List.copyOf(evaluations);
    }

    /** Forgets the evaluations reported so far: a new candidate starts. */
    void clearEvaluations() {
        evaluations.clear();
    }

    /** Sets what the probe has seen, as a resumed trial's checkpoint recorded it. */
    void restore(double firstLoss, double smoothedLoss) {
        first = firstLoss;
        smoothed = smoothedLoss;
    }

    /** ε₀, {@code NaN} before the first step. */
    double first() {
        return first;
    }

    /** The smoothed loss after the latest reported step, {@code NaN} before the first. */
    double smoothed() {
        return smoothed;
    }
}
