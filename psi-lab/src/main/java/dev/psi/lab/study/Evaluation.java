package dev.psi.lab.study;

import dev.psi.core.criteria.TuningCost;
import dev.psi.core.spec.Spec;
import dev.psi.lab.work.TrialJob;
import dev.psi.train.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation runs of one row of the results (a method, at one setting) on one held-out task, and what the
 * method paid on that task before them.
 *
 * @param task the held-out task
 * @param method the method
 * @param label the row's name in the results
 * @param runs one run per evaluation seed
 * @param tuning what the method spent on this task before its evaluation runs
 */
record Evaluation(TaskSpec task, Method method, String label, List<TrialJob> runs, TuningCost tuning) {

    Evaluation {
        runs = List.copyOf(runs);
    }

    /** One run of {@code controller} with {@code optimizer} per evaluation seed of {@code plan}. */
    static Evaluation of(StudyPlan plan, TaskSpec task, Method method, String label, Spec controller, Spec optimizer,
            Integer trainSize, TuningCost tuning) {
        List<TrialJob> runs = new ArrayList<>();
        for (long seed : plan.evaluationSeeds()) {
            runs.add(TrialJob.of(plan.name(), "evaluate", plan.source(task), controller, optimizer, seed,
                    plan.epochsOf(task), trainSize, method.word()));
        }
        return new Evaluation(task, method, label, runs, tuning);
    }
}
