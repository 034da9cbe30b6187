package dev.psi.train.engine;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.TrialStatus;
import java.util.List;
import java.util.OptionalInt;

/**
 * How a trial ended.
 *
 * @param status {@code COMPLETED} or {@code DIVERGED}
 * @param divergedEpoch the epoch in which the loss became NaN or infinite, when it did
 * @param epochs every finished epoch, in order
 * @param recoveries the roll-backs the controller asked for
 * @param wallSeconds wall-clock time of the whole run
 */
public record TrialOutcome(
        TrialStatus status,
        OptionalInt divergedEpoch,
        List<EpochResult> epochs,
        List<Recovery> recoveries,
        double wallSeconds) {

    public TrialOutcome {
        epochs = List.copyOf(epochs);
        recoveries = List.copyOf(recoveries);
    }
}
