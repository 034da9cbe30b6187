package dev.psi.lab.work;

import dev.psi.core.spec.Spec;
import dev.psi.lab.search.Budget;
import dev.psi.lab.search.RateSchedule;
import dev.psi.lab.search.ScheduleFamily;
import dev.psi.lab.search.SearchResult;
import dev.psi.lab.search.SearchSpace;
import dev.psi.lab.search.SearchStrategies;
import dev.psi.lab.search.SearchStrategy;
import dev.psi.lab.search.TrialObjective;
import dev.psi.store.ResultStore;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
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
 * @param task a built-in task name or the absolute path of a task spec file ({@link Tasks#resolve})
 * @param strategy a {@link SearchStrategies} name, e.g. {@code random}
 * @param trials the trials (the population, for PBT) it may start
 * @param epochs the epoch budget of a full trial
 * @param seed the seed of every trial
 * @param trainSize a seeded training subset, or {@code null} for all examples
 * @param lrMin the smallest α of the search space
 * @param lrMax the largest α of the search space
 */
public record SearchJob(String study, String task, String strategy, int trials, int epochs, long seed,
        Integer trainSize, double lrMin, double lrMax) implements Job {

    /**
     * What a search found and paid.
     *
     * @param controller the spec of the best point for the full budget, or {@code null} for a schedule
     * @param rates the per-epoch rates PBT discovered, or {@code null}
     * @param optimizer the optimizer spec of the best point
     * @param trials the trials it started
     * @param epochs the epochs they trained
     * @param seconds their wall-clock seconds
     */
    public record Found(String controller, List<Double> rates, String optimizer, int trials, long epochs,
            double seconds) {

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
    }

    @Override
    public String kind() {
        return "search";
    }

    @Override
    public String label() {
        return String.format(Locale.ROOT, "search %s %s", Jobs.taskName(task), strategy);
    }

    @Override
    public JobResult run(ResultStore store) {
        TaskSpec spec = Tasks.resolve(task);
        SearchStrategy search = SearchStrategies.create(strategy, new Budget(trials, epochs, seed));
        SearchSpace space = new SearchSpace(lrMin, lrMax, List.of(ScheduleFamily.values()), List.of(spec.optimizer()));
        TrialObjective objective = new TrialObjective(store, study, spec, spec.batchSize(),
                trainSize == null ? OptionalInt.empty() : OptionalInt.of(trainSize), seed,
                Map.of("strategy", search.name()), TrialObjective.Listener.NONE);
        // Load first, so that missing data fails before any trial is stored.
        objective.data();
        SearchResult result = search.search(objective, space);
        Found found = new Found(result.schedule().isPresent() ? null : result.best().point().controller(epochs),
                result.schedule().map(RateSchedule::rates).orElse(null), result.best().point().optimizer().toString(),
                result.cost().trials(), result.cost().epochs(), result.cost().seconds());
        return new JobResult(String.format(Locale.ROOT, "%s: %s, %d trials, %d epochs, %.1f s", label(),
                result.controller(epochs), found.trials(), found.epochs(), found.seconds()), found);
    }
}
