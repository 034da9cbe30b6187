package dev.psi.core.criteria;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.TrialStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the criteria read of one trial: its status, its epoch rows in the order they were trained, and its
 * evaluations (subset ones between epochs and the whole-split one at each epoch's end).
 *
 * <p>A {@link TrialStatus#PRUNED} trial is refused: a search stopped it on purpose partway through, so its
 * rows are not a seed's run of the method, and counting them would read "not reached yet" as "never reached".
 *
 * @param status the trial's stored status
 * @param epochs its epoch rows, in training order (the epoch budget is what these rows cover)
 * @param evaluations its evaluations, kept in step order; empty for a trial stored before Psi recorded them
 */
public record TrialCurve(TrialStatus status, List<EpochResult> epochs, List<Evaluation> evaluations) {

    /** @throws IllegalArgumentException for a pruned trial, which is never an evaluation run */
    public TrialCurve {
        Objects.requireNonNull(status, "status");
        if (status == TrialStatus.PRUNED) {
            throw new IllegalArgumentException("a pruned trial is not an evaluation run: the search stopped it"
                    + " before its budget");
        }
        epochs = List.copyOf(epochs);
        evaluations = evaluations.stream().sorted(Comparator.comparingLong(Evaluation::step)).toList();
    }

    /** A trial known by its epoch rows only: its time to target moves in whole epochs. */
    public TrialCurve(TrialStatus status, List<EpochResult> epochs) {
        this(status, epochs, List.of());
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

    /**
     * The evaluations taken in the {@linkplain #countedEpochs() counted epochs}, in step order; empty when
     * some counted epoch has none (a trial stored, or partly stored, before Psi recorded evaluations), so that
     * such a trial is read from its epoch rows alone rather than from a mix.
     */
    public List<Evaluation> countedEvaluations() {
        Set<Integer> counted = countedEpochs().stream().map(EpochResult::epoch).collect(Collectors.toSet());
        List<Evaluation> kept = evaluations.stream().filter(e -> counted.contains(e.epoch())).toList();
        Set<Integer> covered = kept.stream().map(Evaluation::epoch).collect(Collectors.toSet());
        return covered.equals(counted) ? kept : List.of();
    }

    /**
     * The validation loss of the last {@linkplain #countedEpochs() counted epoch}; ∞ when the trial diverged,
     * trained no epoch or ended on a loss that is not finite: a diverged run is a failure, never a low loss.
     */
    public double finalValLoss() {
        List<EpochResult> counted = countedEpochs();
        if (status == TrialStatus.DIVERGED || counted.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        double last = counted.get(counted.size() - 1).valLoss();
        return Double.isFinite(last) ? last : Double.POSITIVE_INFINITY;
    }
}
