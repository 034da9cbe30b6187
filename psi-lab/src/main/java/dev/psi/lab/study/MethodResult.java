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
 * @param method {@code psi-formula}, {@code psi-network}, {@code oracle}, a searched method's word
 *     ({@code random-search}, {@code pbt}, ...), or the controller spec (e.g. {@code Constant(lr=0.1)})
 *     with the optimizer when it is not the task's, e.g. {@code Constant(lr=0.001) / Adam()}
 * @param seeds the seeds evaluated
 * @param stepsToTarget the steps to reach the target of each seed, in seed order (∞ when not reached):
 *     the evaluation seeds in order, the same for every method, so that the verdict's bootstrap pairs them
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
        List<Double> stepsToTarget,
        double medianStepsToTarget,
        ConfidenceInterval medianStepsInterval,
        double medianSecondsToTarget,
        Reliability reliability,
        double bestValAccuracy,
        double finalValLoss,
        TuningCost tuning,
        List<List<EpochResult>> curves,
        TestScores test) {

    /** @throws IllegalArgumentException when {@code stepsToTarget} has not one time per seed */
    public MethodResult {
        stepsToTarget = List.copyOf(stepsToTarget);
        if (stepsToTarget.size() != seeds) {
            throw new IllegalArgumentException(method + " on " + task + ": " + stepsToTarget.size()
                    + " times to target for " + seeds + " seeds");
        }
        curves = List.copyOf(curves);
    }
}
