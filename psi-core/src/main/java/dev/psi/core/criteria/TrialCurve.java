package dev.psi.core.criteria;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import java.util.List;
import java.util.Objects;

/**
 * What the criteria read of one trial: its status and its epoch rows in the order they were trained.
 *
 * <p>A {@link TrialStatus#PRUNED} trial is refused: a search stopped it on purpose partway through, so its
 * rows are not a seed's run of the method, and counting them would read "not reached yet" as "never reached".
 *
 * @param status the trial's stored status
 * @param epochs its epoch rows, in training order (the epoch budget is what these rows cover)
 */
public record TrialCurve(TrialStatus status, List<EpochResult> epochs) {

    /** @throws IllegalArgumentException for a pruned trial, which is never an evaluation run */
    public TrialCurve {
        Objects.requireNonNull(status, "status");
        if (status == TrialStatus.PRUNED) {
            throw new IllegalArgumentException("a pruned trial is not an evaluation run: the search stopped it"
                    + " before its budget");
        }
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
