package dev.psi.core.criteria;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import java.util.List;
import java.util.Objects;

/**
 * What the criteria read of one trial: its status and its epoch rows in the order they were trained.
 *
 * @param status the trial's stored status
 * @param epochs its epoch rows, in training order (the epoch budget is what these rows cover)
 */
public record TrialCurve(TrialStatus status, List<EpochResult> epochs) {

    public TrialCurve {
        Objects.requireNonNull(status, "status");
        epochs = List.copyOf(epochs);
    }

    /**
     * The rows that count: for a {@link TrialStatus#DIVERGED} trial, those before the first row whose
     * training or validation loss is NaN or infinite (all rows if none is); for any other status, all rows.
     */
    public List<EpochResult> countedEpochs() {
        if (status != TrialStatus.DIVERGED) {
            return epochs;
        }
        for (int i = 0; i < epochs.size(); i++) {
            EpochResult e = epochs.get(i);
            if (!Double.isFinite(e.trainLoss()) || !Double.isFinite(e.valLoss())) {
                return epochs.subList(0, i);
            }
        }
        return epochs;
    }
}
