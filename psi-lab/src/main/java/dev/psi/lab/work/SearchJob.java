package dev.psi.lab.work;

import dev.psi.core.criteria.Metric;
import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.TrialStatus;
import dev.psi.core.spec.Spec;
import dev.psi.lab.record.TrialRecorder;
import dev.psi.lab.record.TrialRecords;
import dev.psi.lab.search.Budget;
import dev.psi.lab.search.Objective;
import dev.psi.lab.search.Point;
import dev.psi.lab.search.RateSchedule;
import dev.psi.lab.search.ScheduleFamily;
import dev.psi.lab.search.SearchResult;
import dev.psi.lab.search.SearchSpace;
import dev.psi.lab.search.SearchStrategies;
import dev.psi.lab.search.SearchStrategy;
import dev.psi.lab.search.Selection;
import dev.psi.lab.search.TrialObjective;
import dev.psi.store.NewTrial;
import dev.psi.store.ResultStore;
import dev.psi.train.engine.TrialConfig;
import dev.psi.train.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One search of a study on one task, from start to end in one worker: its trials depend on each other
 * (halving promotes, PBT copies checkpoints between members), so it is not split. Its result, what it found
 * and what it paid, is stored with the job, so a rerun of the study does not search again.
 *
 * @param study the study its trials are stored in
 * @param task a built-in task name, the absolute path of a task spec file, or a reference to a stored copy of one
 *     ({@link StoredFiles#task})
 * @param strategy a {@link SearchStrategies} name, e.g. {@code random}
 * @param trials the points (the population, for PBT) it may start; each runs on every seed of {@code seeds}
 * @param epochs the epoch budget of a full trial
 * @param seeds the seeds every point is trained on (a trial each, all counted in the cost); the first also
 *     seeds the strategy
 * @param trainSize a seeded training subset, or {@code null} for all examples
 * @param lrMin the smallest α of the search space
 * @param lrMax the largest α of the search space
 * @param families the schedule families of the space, by {@link ScheduleFamily#word()}
 * @param optimizers the optimizer specs of the space (PBT uses the first)
 * @param target what trials are ranked by: the study's time to this target ({@link Selection#timeToTarget}),
 *     or {@code null} for the best validation metric
 * @param winnerStudy for PBT evaluated as PBT, the study in which the winner's curve is stored as one trial
 *     (its {@link Found#winnerTrial}); {@code null} otherwise
 * @param method the study's name for the method, recorded with the winner's trial; {@code null} without one
 */
public record SearchJob(String study, String task, String strategy, int trials, int epochs, List<Long> seeds,
        Integer trainSize, double lrMin, double lrMax, List<String> families, List<String> optimizers,
        Goal target, String winnerStudy, String method) implements Job {

    /**
     * A target as a job carries it.
     *
     * @param metric {@code val_accuracy} or {@code val_loss}
     * @param value the value to reach
     */
    public record Goal(String metric, double value) {

        /** The target as the criteria read it. */
        public Target target() {
            return new Target(Metric.ofWord(metric), value);
        }

        /** {@code target} as a job carries it. */
        public static Goal of(Target target) {
            return new Goal(target.metric().word(), target.value());
        }
    }

    /**
     * What a search found and paid.
     *
     * @param controller the spec of the best point for the full budget, or {@code null} for a schedule
     * @param rates the per-epoch rates PBT discovered, or {@code null}
     * @param optimizer the optimizer spec of the best point
     * @param trials the trials it started, on every seed
     * @param epochs the epochs they trained
     * @param seconds their wall-clock seconds
     * @param winnerTrial for PBT evaluated as PBT, the id of the trial holding the winner's curve (its state's
     *     epochs and evaluations, through the donors it copied); {@code null} otherwise
     */
    public record Found(String controller, List<Double> rates, String optimizer, int trials, long epochs,
            double seconds, Long winnerTrial) {

        /** What the study trains on every evaluation seed: the best point, or the replayed schedule. */
        public TrialJob evaluation(String study, String task, long seed, int epochs, Integer trainSize,
                String method) {
            Spec chosen = Spec.parse(optimizer);
            return rates != null
                    ? TrialJob.replaying(study, "evaluate", task, new RateSchedule(rates), chosen, seed, epochs,
                            trainSize, method)
                    : TrialJob.of(study, "evaluate", task, Spec.parse(controller), chosen, seed, epochs, trainSize,
                            method);
        }
    }

    public SearchJob {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(strategy, "strategy");
        seeds = List.copyOf(seeds);
        families = List.copyOf(families);
        optimizers = List.copyOf(optimizers);
        if (seeds.isEmpty() || families.isEmpty() || optimizers.isEmpty()) {
            throw new IllegalArgumentException("a search needs at least one seed, family and optimizer");
        }
    }

    @Override
    public String kind() {
        return "search";
    }

    @Override
    public String label() {
        return winnerStudy != null
                ? String.format(Locale.ROOT, "search %s %s seed %d", Jobs.taskName(task), strategy, seeds.get(0))
                : String.format(Locale.ROOT, "search %s %s", Jobs.taskName(task), strategy);
    }

    @Override
    public JobResult run(ResultStore store) {
        TaskSpec spec = StoredFiles.of(store).task(task);
        SearchStrategy search = SearchStrategies.create(strategy, new Budget(trials, epochs, seeds.get(0)));
        SearchSpace space = new SearchSpace(lrMin, lrMax, families.stream().map(ScheduleFamily::of).toList(),
                optimizers.stream().map(Spec::parse).toList());
        List<TrialObjective> perSeed = new ArrayList<>();
        for (long seed : seeds) {
            TrialObjective objective = new TrialObjective(store, study, spec, spec.batchSize(),
                    trainSize == null ? OptionalInt.empty() : OptionalInt.of(trainSize), seed,
                    Map.of("strategy", search.name()), TrialObjective.Listener.NONE);
            // Load first, so that missing data fails before any trial is stored.
            objective.data();
            perSeed.add(objective);
        }
        Selection selection = target == null ? Selection.BEST_METRIC : Selection.timeToTarget(target.target());
        SearchResult result = search.search(Objective.overSeeds(perSeed), space, selection);
        Long winner = winnerStudy == null ? null : storeWinner(store, spec, result);
        Found found = new Found(result.schedule().isPresent() ? null : result.best().point().controller(epochs),
                result.schedule().map(RateSchedule::rates).orElse(null), result.best().point().optimizer().toString(),
                result.cost().trials(), result.cost().epochs(), result.cost().seconds(), winner);
        return new JobResult(String.format(Locale.ROOT, "%s: %s, %d trials, %d epochs, %.1f s", label(),
                result.controller(epochs), found.trials(), found.epochs(), found.seconds()), found, null);
    }

    /**
     * Stores the winner's curve as one finished trial of {@link #winnerStudy}: the epochs and evaluations of the
     * state the search ended with (inherited from its donors up to each copy), under the controller
     * {@code PBT(...)}, so that no other method's trial is ever taken for it. Its wall seconds are those of its
     * epochs. The member trials themselves stay in {@link #study}.
     */
    private long storeWinner(ResultStore store, TaskSpec spec, SearchResult result) {
        TrialCurve curve = result.best().curves().get(0);
        if (curve.status() != TrialStatus.COMPLETED && curve.status() != TrialStatus.DIVERGED) {
            throw new IllegalStateException("the winner of " + label() + " ended " + curve.status().word());
        }
        String controller = String.format(Locale.ROOT, "PBT(population=%d) winner: %s", trials,
                result.schedule().map(RateSchedule::toString).orElse("no epoch"));
        Spec optimizer = result.best().point().optimizer();
        TrialConfig config = new TrialConfig(spec.model(), optimizer,
                Spec.parse(ScheduleFamily.CONSTANT.spec(Point.rateText(result.best().point().lr()), epochs)),
                spec.batchSize(), epochs, seeds.get(0), TrialConfig.DEFAULT_LOSS_SMOOTHING, spec.evalEvery());
        NewTrial planned = NewTrial.builder().study(winnerStudy).task(spec.name()).controller(controller)
                .optimizer(optimizer.toString()).seed(seeds.get(0)).epochs(epochs).batchSize(spec.batchSize())
                .trainSize(trainSize).host(TrialRecords.host())
                .configJson(TrialRecords.configJson(spec, config, trainSize, Map.of("method",
                        method == null ? strategy : method, "controller", controller, "members", study)))
                .build();
        TrialRecorder recorder = TrialRecorder.start(store, spec, "evaluate", planned);
        double seconds = 0;
        for (EpochResult epoch : curve.epochs()) {
            List<Evaluation> taken = curve.evaluations().stream().filter(e -> e.epoch() == epoch.epoch()).toList();
            if (!taken.isEmpty()) {
                recorder.onEvaluations(taken);
            }
            recorder.onEpoch(epoch);
            seconds += epoch.wallSeconds();
        }
        recorder.finish(curve.status(), curve.epochs().size(), null, seconds);
        return recorder.trialId();
    }
}
