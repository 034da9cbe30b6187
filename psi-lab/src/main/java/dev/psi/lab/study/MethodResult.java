package dev.psi.lab.study;

import dev.psi.core.criteria.ConfidenceInterval;
import dev.psi.core.criteria.Reliability;
import dev.psi.core.criteria.TuningCost;
import dev.psi.core.result.EpochResult;
import java.util.List;

/**
 * How one method did on one held-out task over all seeds: one row of the study's results table.
 *
 * @param task the held-out task
 * @param method {@code psi-formula}, {@code psi-network}, {@code oracle}, {@code random-search},
 *     {@code successive-halving}, {@code pbt}, or the controller spec (e.g. {@code Constant(lr=0.1)})
 *     with the optimizer when it is not the task's, e.g. {@code Constant(lr=0.001) / Adam()}
 * @param seeds the seeds evaluated
 * @param medianStepsToTarget median over seeds of the steps to reach the target (∞ when not reached)
 * @param medianStepsInterval bootstrap 95 % interval of that median
 * @param medianSecondsToTarget median over seeds of the wall seconds to reach the target
 * @param reliability seeds reaching the target, with its Wilson interval
 * @param bestValAccuracy median over seeds of the best validation accuracy ({@code NaN} for regression)
 * @param finalValLoss median over seeds of the final validation loss
 * @param tuning what the method spent on this task before the reported runs (search trials, ...)
 * @param curves the validation curves of every seed, for the learning-curve plots
 * @param test the scores on the task's test part, the accuracy the report gives
 */
public record MethodResult(
        String task,
        String method,
        int seeds,
        double medianStepsToTarget,
        ConfidenceInterval medianStepsInterval,
        double medianSecondsToTarget,
        Reliability reliability,
        double bestValAccuracy,
        double finalValLoss,
        TuningCost tuning,
        List<List<EpochResult>> curves,
        TestScores test) {

    public MethodResult {
        curves = List.copyOf(curves);
    }
}
