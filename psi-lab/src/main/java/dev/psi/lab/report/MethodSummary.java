package dev.psi.lab.report;

import dev.psi.core.criteria.Reliability;
import dev.psi.core.criteria.TuningCost;

/**
 * One method across all held-out tasks: what the verdict compares.
 *
 * @param method the method's name
 * @param score its performance-profile score, the normalized area of ρ over τ ∈ [1, 4]
 * @param reliability seeds reaching the target, pooled over tasks
 * @param medianSteps the median over tasks of its median steps to target (∞ when not reached)
 * @param tuning its tuning cost, summed over tasks
 * @param tasks the tasks it was evaluated on
 */
record MethodSummary(String method, double score, Reliability reliability, double medianSteps, TuningCost tuning,
        int tasks) {

    /** The mean tuning trials per task. */
    double trialsPerTask() {
        return tasks == 0 ? 0 : (double) tuning.trials() / tasks;
    }

    /** The mean tuning seconds per task. */
    double secondsPerTask() {
        return tasks == 0 ? 0 : tuning.seconds() / tasks;
    }
}
