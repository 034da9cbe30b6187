package dev.psi.lab.study;

import dev.psi.core.criteria.Medians;
import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TimeToTarget;
import dev.psi.core.criteria.TuningCost;
import dev.psi.lab.study.GridScores.Config;
import dev.psi.lab.work.FinishedTrial;
import dev.psi.lab.work.TrialJob;
import dev.psi.train.task.TaskSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The rows of the results that the training grid decides ({@link TrainingGrid}): the fixed methods at their
 * calibrated scale, and the learned configuration list tried with k = 1 and k = 3 configurations per new task.
 */
final class GridRows {

    /** How many of the list's configurations {@link Method#LEARNED_LIST_3} tries on a new task. */
    static final int LIST_TRIES = 3;

    private GridRows() {
    }

    /**
     * Every fixed method of the plan at its calibrated scale, on every held-out task: no tuning on the task. A
     * method whose calibrated scale is its textbook one has no row of its own when the plan runs the textbook rows
     * too: it would repeat that row's trials under another name.
     */
    static List<Evaluation> calibrated(StudyPlan plan, GridScores scores, Map<String, Integer> sizes) {
        List<Evaluation> evaluations = new ArrayList<>();
        for (TaskSpec task : plan.heldOutTasks()) {
            for (Method method : plan.methods()) {
                if (!method.fixed()) {
                    continue;
                }
                double scale = scores.calibratedScale(method);
                if (!(plan.defaults().textbook() && scale == 1)) {
                    evaluations.add(run(plan, task, method, new Config(method, scale),
                            method.label(task, scale, true), sizes.get(task.name()),
                            TuningCost.ZERO));
                }
            }
        }
        return evaluations;
    }

    /** The list's first configuration on every held-out task, if the plan evaluates {@link Method#LEARNED_LIST_1}. */
    static List<Evaluation> firstOfList(StudyPlan plan, List<Config> list, Map<String, Integer> sizes) {
        List<Evaluation> evaluations = new ArrayList<>();
        if (plan.methods().contains(Method.LEARNED_LIST_1)) {
            for (TaskSpec task : plan.heldOutTasks()) {
                evaluations.add(run(plan, task, Method.LEARNED_LIST_1, list.get(0), Method.LEARNED_LIST_1.word(),
                        sizes.get(task.name()), TuningCost.ZERO));
            }
        }
        return evaluations;
    }

    /**
     * The tuning runs of {@link Method#LEARNED_LIST_3} on {@code task}: the list's first {@value #LIST_TRIES}
     * configurations, each on every tuning seed, stored in {@code NAME-search}.
     */
    static List<TrialJob> tries(StudyPlan plan, TaskSpec task, List<Config> list, Integer trainSize) {
        List<TrialJob> runs = new ArrayList<>();
        for (Config config : list.subList(0, Math.min(LIST_TRIES, list.size()))) {
            int epochs = plan.epochsOf(task);
            for (long seed : plan.tuningSeeds()) {
                runs.add(TrialJob.of(plan.name() + "-search", "search", plan.source(task),
                        config.method().controller(task, epochs, config.scale()),
                        config.method().optimizer(task.optimizer()), seed, epochs, trainSize,
                        Method.LEARNED_LIST_3.word()));
            }
        }
        return runs;
    }

    /**
     * The tried configuration that reached {@code target} first (the median over the tuning seeds of its steps to
     * target; ties, such as none reaching it, to the lower median final validation loss, then to the earlier in the
     * list), run on every evaluation seed, with the tries as its tuning cost.
     *
     * @param tries the runs of {@link #tries}, in their order
     */
    static Evaluation bestOfList(StudyPlan plan, TaskSpec task, List<Config> list, List<TrialJob> tries,
            Target target, Function<TrialJob, FinishedTrial> finished, Integer trainSize) {
        int seeds = plan.tuningSeeds().size();
        int tried = tries.size() / seeds;
        double[] steps = new double[tried];
        double[] losses = new double[tried];
        TuningCost cost = TuningCost.ZERO;
        for (int c = 0; c < tried; c++) {
            List<FinishedTrial> runs = tries.subList(c * seeds, (c + 1) * seeds).stream().map(finished).toList();
            steps[c] = Medians.median(runs.stream().mapToDouble(run -> TimeToTarget.of(run.curve(), target).steps())
                    .toArray());
            losses[c] = Medians.median(runs.stream().mapToDouble(run -> run.curve().finalValLoss())
                    .toArray());
            for (FinishedTrial run : runs) {
                cost = cost.plus(new TuningCost(1, run.curve().epochs().size(), run.seconds()));
            }
        }
        int best = IntStream.range(0, tried).boxed()
                .min(Comparator.<Integer>comparingDouble(c -> steps[c]).thenComparingDouble(c -> losses[c]))
                .orElseThrow();
        return run(plan, task, Method.LEARNED_LIST_3, list.get(best), Method.LEARNED_LIST_3.word(), trainSize, cost);
    }

    private static Evaluation run(StudyPlan plan, TaskSpec task, Method method, Config config, String label,
            Integer trainSize, TuningCost tuning) {
        Method fixed = config.method();
        return Evaluation.of(plan, task, method, label, fixed.controller(task, plan.epochsOf(task), config.scale()),
                fixed.optimizer(task.optimizer()), trainSize, tuning);
    }
}
