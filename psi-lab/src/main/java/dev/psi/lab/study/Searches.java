package dev.psi.lab.study;

import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.criteria.TuningCost;
import dev.psi.core.spec.Spec;
import dev.psi.lab.search.ScheduleFamily;
import dev.psi.lab.search.SearchSpace;
import dev.psi.lab.work.JobResult;
import dev.psi.lab.work.SearchJob;
import dev.psi.lab.work.TrialJob;
import dev.psi.store.ResultStore;
import dev.psi.store.TrialSummary;
import dev.psi.train.optim.Optimizers;
import dev.psi.train.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The searched methods of a study ({@link Method#searched()}): their search jobs on each held-out task, queued
 * once the task's target is known, and what becomes of what they found.
 *
 * <p><b>Selection.</b> Every search ranks its trials by the study's own criterion, time to the task's target
 * ({@link dev.psi.lab.search.Selection#timeToTarget}): a point is trained on both
 * {@link StudyPlan#tuningSeeds() tuning seeds}; it is better the more seeds reach the target, then the earlier
 * (mean steps over the seeds, for two seeds their median), then the lower its mean final validation loss. Every
 * trial on every seed counts in the cost.
 *
 * <p><b>Space.</b> Rate log-uniform in [standard / {@value #SEARCH_BELOW}, standard × {@value #SEARCH_ABOVE}]
 * (3 decades around the task optimizer's standard rate), every {@link ScheduleFamily}, and for an SGD task
 * momentum 0 or 0.9 ({@link SearchSpace#momentumChoices}); another optimizer is kept. {@link Method#ALGOPERF_5}
 * draws from a fixed, smaller space instead: [standard / {@value #ALGOPERF_RANGE}, standard ×
 * {@value #ALGOPERF_RANGE}], cosine or warm-up cosine, the same momentum choice.
 *
 * <p><b>Evaluation.</b> The best point of a search (or the schedule {@link Method#PBT_REPLAY} found) is trained
 * on every evaluation seed, and the search's cost is the method's tuning cost. {@link Method#PBT} instead runs
 * PBT itself on every evaluation seed (members stored in {@code NAME-pbt}); the winner's curve is stored as a
 * trial of the evaluation study {@code NAME} (its id in the job's {@link SearchJob.Found#winnerTrial}) and is
 * that seed's run. Its tuning cost per new task is one PBT run: the mean over evaluation seeds of the
 * population's trials, epochs and seconds, the winner's own epochs included (population × epochs).
 */
final class Searches {

    /** Searches look for α in [standard / this, standard × {@link #SEARCH_ABOVE}]. */
    static final double SEARCH_BELOW = 100;
    static final double SEARCH_ABOVE = 10;
    /** AlgoPerf's fixed space: α in [standard / this, standard × this]. */
    static final double ALGOPERF_RANGE = 10;
    /** AlgoPerf's external tuning ruleset: this many trials per workload. */
    static final int ALGOPERF_TRIALS = 5;
    private static final List<ScheduleFamily> ALGOPERF_FAMILIES = List.of(ScheduleFamily.COSINE,
            ScheduleFamily.WARMUP_COSINE);

    /** One search job and the method and task it is for. */
    private record Queued(TaskSpec task, Method method, SearchJob job) {
    }

    /** The evaluation runs of a method that trains what its search found; its cost is the method's tuning. */
    record Replay(TaskSpec task, Method method, List<TrialJob> runs, TuningCost tuning) {
    }

    private final StudyPlan plan;
    private final Map<String, Integer> sizes;
    private final List<Queued> queued = new ArrayList<>();

    /** The searches of {@code plan} on every held-out task, ranked by time to the task's target in {@code targets}. */
    Searches(StudyPlan plan, Map<String, Integer> sizes, Map<String, Target> targets) {
        this.plan = plan;
        this.sizes = sizes;
        for (TaskSpec task : plan.heldOutTasks()) {
            for (Method method : plan.methods()) {
                if (!method.searched()) {
                    continue;
                }
                if (method == Method.PBT) {
                    for (long seed : plan.evaluationSeeds()) {
                        queued.add(new Queued(task, method, job(task, method, List.of(seed), targets.get(task.name()))));
                    }
                } else {
                    queued.add(new Queued(task, method, job(task, method, plan.tuningSeeds(), targets.get(task.name()))));
                }
            }
        }
    }

    /** Every search job, in order. */
    List<SearchJob> jobs() {
        return queued.stream().map(Queued::job).toList();
    }

    /** The evaluation runs of every method but {@link Method#PBT}, from the jobs' results in {@link #jobs()} order. */
    List<Replay> replays(List<JobResult> results) {
        List<Replay> replays = new ArrayList<>();
        for (int i = 0; i < queued.size(); i++) {
            Queued search = queued.get(i);
            if (search.method() == Method.PBT) {
                continue;
            }
            SearchJob.Found found = results.get(i).found();
            TaskSpec task = search.task();
            List<TrialJob> runs = new ArrayList<>();
            for (long seed : plan.evaluationSeeds()) {
                runs.add(found.evaluation(plan.name(), plan.source(task), seed, plan.epochsOf(task),
                        sizes.get(task.name()), search.method().word()));
            }
            replays.add(new Replay(task, search.method(), runs,
                    new TuningCost(found.trials(), found.epochs(), found.seconds())));
        }
        return replays;
    }

    /**
     * The curves of {@link Method#PBT} on {@code task}, one per evaluation seed in order (the winners' trials in
     * {@code store}), and its tuning cost per new task: the mean of one PBT run's.
     */
    MethodResult pbt(ResultStore store, TaskSpec task, Target target, List<JobResult> results) {
        List<TrialSummary> evaluated = store.trials().inStudy(plan.name());
        List<TrialCurve> curves = new ArrayList<>();
        long trials = 0;
        long epochs = 0;
        double seconds = 0;
        for (int i = 0; i < queued.size(); i++) {
            if (queued.get(i).method() != Method.PBT || !queued.get(i).task().equals(task)) {
                continue;
            }
            SearchJob.Found found = results.get(i).found();
            long id = found.winnerTrial();
            TrialSummary winner = evaluated.stream().filter(t -> t.id() == id).findFirst().orElseThrow(
                    () -> new IllegalStateException("PBT's winner, trial " + id + ", is not in " + store.location()));
            curves.add(new TrialCurve(winner.status(), store.epochs().of(id), store.evaluations().of(id)));
            trials += found.trials();
            epochs += found.epochs();
            seconds += found.seconds();
        }
        int runs = curves.size();
        TuningCost perTask = new TuningCost(Math.round((double) trials / runs), Math.round((double) epochs / runs),
                seconds / runs);
        return Summaries.of(task.name(), Method.PBT.word(), curves, target, perTask);
    }

    /** The search job of {@code method} on {@code task} over {@code seeds}. */
    private SearchJob job(TaskSpec task, Method method, List<Long> seeds, Target target) {
        double standard = Optimizers.defaultLearningRate(task.optimizer());
        List<String> optimizers = SearchSpace.momentumChoices(task.optimizer()).stream().map(Spec::toString).toList();
        boolean pbt = method == Method.PBT || method == Method.PBT_REPLAY;
        boolean algoPerf = method == Method.ALGOPERF_5;
        List<ScheduleFamily> families = algoPerf ? ALGOPERF_FAMILIES : List.of(ScheduleFamily.values());
        // PBT trains at constant rates with the task's own optimizer: state is only copied between equal optimizers.
        return new SearchJob(plan.name() + (method == Method.PBT ? "-pbt" : "-search"), plan.source(task),
                method.strategy(), algoPerf ? ALGOPERF_TRIALS : pbt ? plan.pbtPopulation() : plan.searchTrials(),
                plan.epochsOf(task), seeds, sizes.get(task.name()),
                algoPerf ? standard / ALGOPERF_RANGE : standard / SEARCH_BELOW,
                algoPerf ? standard * ALGOPERF_RANGE : standard * SEARCH_ABOVE,
                pbt ? List.of(ScheduleFamily.CONSTANT.word()) : families.stream().map(ScheduleFamily::word).toList(),
                pbt ? List.of(task.optimizer().toString()) : optimizers, SearchJob.Goal.of(target),
                method == Method.PBT ? plan.name() : null, method.word());
    }
}
