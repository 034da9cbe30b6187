package dev.psi.lab.study;

import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.criteria.TuningCost;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import dev.psi.lab.work.SampleJob;
import dev.psi.lab.work.ScheduleJob;
import dev.psi.store.ResultStore;
import dev.psi.store.TrialSummary;
import dev.psi.train.task.TaskSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The trajectories of a study that choose their rates while they train: the greedy oracle's (the surface of the
 * training tasks, and the oracle method on the held-out ones) and the long-horizon labeller's; their jobs, and
 * what they cost, counted from the store so that a resumed study reports the same.
 */
final class Trajectories {

    private final ResultStore store;

    Trajectories(ResultStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The long-horizon labeller's searches, one per training task and sampling seed, in {@code NAME-labels}; none
     * when the plan learns from the greedy oracle's labels.
     */
    static List<ScheduleJob> labels(StudyPlan plan, Map<String, Integer> sizes) {
        List<ScheduleJob> jobs = new ArrayList<>();
        plan.longHorizon().ifPresent(schedules -> {
            for (TaskSpec task : plan.trainingTasks()) {
                for (long seed : plan.samplingSeedList()) {
                    jobs.add(ScheduleJob.of(plan.name() + "-labels", "labels", plan.source(task), schedules, seed,
                            plan.epochs(), sizes.get(task.name())));
                }
            }
        });
        return jobs;
    }

    /**
     * What the long-horizon labeller cost: its trials, N candidates × the epochs each trial kept (an upper bound:
     * a candidate that diverged stopped early), and their stored wall seconds.
     */
    TuningCost labelsCost(StudyPlan plan) {
        TuningCost cost = TuningCost.ZERO;
        if (plan.longHorizon().isPresent()) {
            int candidates = plan.longHorizon().get().count();
            for (TaskSpec task : plan.trainingTasks()) {
                for (TrialSummary trial : finished(plan.name() + "-labels", task, plan.samplingSeedList())) {
                    cost = cost.plus(new TuningCost(1, (long) candidates * trial.epochsDone(),
                            Double.isFinite(trial.wallSeconds()) ? trial.wallSeconds() : 0));
                }
            }
        }
        return cost;
    }

    /** The oracle trajectories of {@code tasks}, one per seed of {@code seeds}, in study {@code study}. */
    static List<SampleJob> trajectories(StudyPlan plan, String study, String step, List<TaskSpec> tasks,
            List<Long> seeds, Map<String, Integer> sizes) {
        List<SampleJob> jobs = new ArrayList<>();
        for (TaskSpec task : tasks) {
            for (long seed : seeds) {
                jobs.add(SampleJob.of(study, step, plan.source(task), plan.oracle(), seed, plan.epochs(),
                        sizes.get(task.name())));
            }
        }
        return jobs;
    }

    /** The oracle's own trajectory on the held-out task, one per seed; its tuning cost is its branching. */
    MethodResult oracle(StudyPlan plan, TaskSpec task, Target target) {
        String study = plan.name() + "-oracle";
        List<TrialCurve> curves = new ArrayList<>();
        for (TrialSummary trial : finished(study, task, plan.evaluationSeeds())) {
            curves.add(new TrialCurve(trial.status(), store.epochs().of(trial.id()),
                    store.evaluations().of(trial.id())));
        }
        TuningCost total = oracleCost(study, plan, List.of(task), plan.evaluationSeeds());
        long kept = curves.stream().mapToLong(c -> c.epochs().size()).sum();
        double keptSeconds = curves.stream().flatMap(c -> c.epochs().stream()).mapToDouble(EpochResult::wallSeconds)
                .sum();
        TuningCost branching = new TuningCost(total.trials(), Math.max(0, total.epochs() - kept),
                Math.max(0, total.seconds() - keptSeconds));
        return Summaries.of(task.name(), Method.ORACLE.word(), curves, target, branching);
    }

    /**
     * What the oracle trajectories of {@code tasks} in {@code study} cost: their trials, their epochs with
     * every candidate's lookahead (K candidates × min(H, epochs left) per kept epoch, as the oracle trains
     * them), and their stored wall seconds. Counted from the store, so a resumed study reports the same.
     */
    TuningCost oracleCost(String study, StudyPlan plan, List<TaskSpec> tasks, List<Long> seeds) {
        TuningCost cost = TuningCost.ZERO;
        for (TaskSpec task : tasks) {
            int budget = plan.epochsOf(task);
            for (TrialSummary trial : finished(study, task, seeds)) {
                long epochs = 0;
                int trained = trial.status() == TrialStatus.DIVERGED ? trial.epochsDone() + 1 : trial.epochsDone();
                for (int i = 0; i < trained; i++) {
                    epochs += (long) plan.oracle().candidates().size() * Math.min(plan.oracle().horizon(), budget - i);
                }
                cost = cost.plus(new TuningCost(1, epochs, Double.isFinite(trial.wallSeconds())
                        ? trial.wallSeconds() : 0));
            }
        }
        return cost;
    }

    /** The latest finished trial of each of {@code seeds} of {@code task} in {@code study}. */
    private List<TrialSummary> finished(String study, TaskSpec task, List<Long> seeds) {
        Map<Long, TrialSummary> bySeed = new LinkedHashMap<>();
        store.trials().inStudy(study).stream()
                .filter(t -> t.task().equals(task.name()) && seeds.contains(t.seed()))
                .filter(t -> t.status() == TrialStatus.COMPLETED || t.status() == TrialStatus.DIVERGED)
                .sorted(Comparator.comparingLong(TrialSummary::id))
                .forEach(t -> bySeed.put(t.seed(), t));
        return bySeed.values().stream().sorted(Comparator.comparingLong(TrialSummary::seed)).toList();
    }
}
