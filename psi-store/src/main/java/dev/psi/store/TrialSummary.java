package dev.psi.store;

import dev.psi.core.result.TrialStatus;
import java.time.Instant;

/**
 * One trial with the figures a listing or report needs, read by {@link TrialStore#all()}.
 *
 * <p>Measurements that do not exist yet or were not finite are {@code NaN}.
 *
 * @param id trial id
 * @param study study name, or {@code null} for a trial outside any study
 * @param task task name
 * @param controller controller spec
 * @param optimizer optimizer spec
 * @param seed random seed
 * @param status current status
 * @param divergedEpoch epoch whose loss became non-finite when the trial diverged, otherwise {@code null}
 * @param error the error that stopped a failed trial, otherwise {@code null}
 * @param epochBudget epochs the trial was started with
 * @param epochsDone epochs recorded so far
 * @param bestValAccuracy highest validation accuracy over the recorded epochs
 * @param finalValLoss validation loss of the last recorded epoch
 * @param wallSeconds wall-clock seconds of the whole trial; {@code NaN} until it is finished
 * @param startedAt when the trial started
 */
public record TrialSummary(
        long id,
        String study,
        String task,
        String controller,
        String optimizer,
        long seed,
        TrialStatus status,
        Integer divergedEpoch,
        String error,
        int epochBudget,
        int epochsDone,
        double bestValAccuracy,
        double finalValLoss,
        double wallSeconds,
        Instant startedAt) {
}
