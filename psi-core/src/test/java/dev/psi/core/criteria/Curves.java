package dev.psi.core.criteria;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.TrialStatus;
import java.util.List;

/** Hand-made epoch rows for the criteria tests. */
final class Curves {

    /** Steps per epoch in every hand-made curve. */
    static final long STEPS = 100;

    private Curves() {
    }

    /** Epoch {@code epoch} with the given validation loss and accuracy; 100 steps and {@code seconds} per epoch. */
    static EpochResult row(int epoch, double valLoss, double valAccuracy, double seconds) {
        return new EpochResult(epoch, 0.1, valLoss, valLoss, valAccuracy, (epoch + 1) * STEPS, seconds);
    }

    /**
     * The evaluation a quarter {@code quarter} (1 to 4) into epoch {@code epoch}: every 25 steps on a subset of
     * 1000 examples, the fourth on the whole split of 10000 at the epoch's end; loss 1 − accuracy.
     */
    static Evaluation evaluation(int epoch, int quarter, double accuracy, double trainSeconds) {
        return new Evaluation(epoch, epoch * STEPS + quarter * STEPS / 4, epoch + quarter / 4.0, 1 - accuracy,
                accuracy, quarter == 4 ? 10000 : 1000, trainSeconds);
    }

    /** A completed trial whose accuracy is {@code accuracies[i]} after epoch i (loss 1 − accuracy, 2 s each). */
    static TrialCurve accuracies(double... accuracies) {
        return trial(TrialStatus.COMPLETED, accuracies);
    }

    /** A trial of {@code status} whose accuracy is {@code accuracies[i]} after epoch i; NaN accuracy means NaN loss. */
    static TrialCurve trial(TrialStatus status, double... accuracies) {
        EpochResult[] rows = new EpochResult[accuracies.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(i, 1 - accuracies[i], accuracies[i], 2);
        }
        return new TrialCurve(status, List.of(rows));
    }
}
