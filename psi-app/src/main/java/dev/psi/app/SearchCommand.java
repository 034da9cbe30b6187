package dev.psi.app;

import dev.psi.core.criteria.Metric;
import dev.psi.core.criteria.Target;
import dev.psi.core.spec.Spec;
import dev.psi.lab.search.Budget;
import dev.psi.lab.search.Cost;
import dev.psi.lab.search.ScheduleFamily;
import dev.psi.lab.search.SearchResult;
import dev.psi.lab.search.SearchSpace;
import dev.psi.lab.search.SearchStrategies;
import dev.psi.lab.search.SearchStrategy;
import dev.psi.lab.search.Selection;
import dev.psi.lab.search.TrialObjective;
import dev.psi.store.ResultStore;
import dev.psi.train.optim.Optimizers;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code psi search}: a hyperparameter search over the learning rate, its schedule family and
 * optionally the optimizer, with real training; every trial is stored in a study as {@code psi train}
 * stores one.
 */
@Command(name = "search", mixinStandardHelpOptions = true, resourceBundle = TrainingOptions.BUNDLE,
        description = {"Search the learning rate (log-uniform in [--lr-min, --lr-max]), its schedule family and "
                + "optionally the optimizer, training every trial and storing it in a study.",
            "Strategies: grid, random, quasi-random (Halton points, as AlgoPerf draws trials), genetic (Jenetics), "
                + "halving (successive halving, eta 3), hyperband (whole iterations of halving brackets, sized by "
                + "--epochs, until --budget points started; one iteration by default), pbt (population-based "
                + "training: --budget members, the bottom quartile copies a top-quartile member, its rate x0.5/x2 "
                + "or resampled with probability 0.25; it reports the per-epoch schedule it found).",
            "Trials are ranked by their best validation metric, or with --target by the time to reach it (ties and "
                + "trials that never reach it by the final validation loss)."})
final class SearchCommand implements Callable<Integer> {

    /** Every family, as {@link ScheduleFamily#words()} lists them; annotations need a constant. */
    private static final String ALL_FAMILIES = "constant,step,cosine,warmup-cosine,one-cycle";

    @Option(names = "--task", required = true, paramLabel = "T",
            description = "Built-in task (see 'psi tasks') or a task spec file.")
    private String task;

    @Option(names = "--strategy", required = true, paramLabel = "S",
            description = "grid, random, quasi-random, genetic, halving, hyperband or pbt.")
    private String strategy;

    @Option(names = "--budget", paramLabel = "N",
            description = "Trials the strategy may start; the population for pbt; at least this many for hyperband "
                    + "(default: 10; one Hyperband iteration).")
    private Integer budget;

    @Option(names = "--target", paramLabel = "METRIC=VALUE",
            description = "Rank trials by the time to reach this target, e.g. val_accuracy=0.85 or val_loss=0.3 "
                    + "(default: by the best validation metric).")
    private String target;

    @Mixin
    private TrainingOptions.Sizes sizes;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of every trial and of the strategy (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--lr-min", defaultValue = "1e-4", paramLabel = "LR",
            description = "Smallest rate (default: ${DEFAULT-VALUE}).")
    private double lrMin;

    @Option(names = "--lr-max", defaultValue = "1", paramLabel = "LR",
            description = "Largest rate (default: ${DEFAULT-VALUE}).")
    private double lrMax;

    @Option(names = "--families", defaultValue = ALL_FAMILIES, paramLabel = "F,F,...",
            description = "Schedule families (default: ${DEFAULT-VALUE}).")
    private String families;

    @Option(names = "--optimizer", paramLabel = "SPEC",
            description = "An optimizer to search over; repeat to search several, e.g. --optimizer "
                    + "'SGD(momentum=0.9)' --optimizer 'Adam()' (default: the task's).")
    private List<String> optimizers;

    @Option(names = "--study", paramLabel = "NAME", description = "The study (default: search-TASK-STRATEGY).")
    private String study;

    @Mixin
    private ThreadsOption threads;

    @Mixin
    private StoreOption database;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        // Everything the command line can get wrong is checked before the store is opened.
        OptionChecks.positive("--budget", budget);
        Selection selection = selection();
        sizes.check();
        threads.check();
        TaskSpec taskSpec = Tasks.resolve(task);
        int epochBudget = sizes.epochs(taskSpec);
        int trials = budget != null ? budget : "hyperband".equals(strategy) ? 1 : 10;
        SearchStrategy searcher = SearchStrategies.create(strategy, new Budget(trials, epochBudget, seed));
        SearchSpace space = new SearchSpace(lrMin, lrMax, families(), optimizerSpecs(taskSpec));
        String studyName = study == null ? "search-" + taskSpec.name() + "-" + searcher.name() : study;
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try (ResultStore store = Stores.openForWriting(database.location)) {
            threads.apply();
            TrialObjective objective = new TrialObjective(store, studyName, taskSpec,
                    sizes.batchSize(taskSpec),
                    sizes.trainSize == null ? OptionalInt.empty() : OptionalInt.of(sizes.trainSize), seed,
                    Map.of("strategy", searcher.name(), "threads", Integer.toString(threads.count)),
                    trial -> progress(err, trial));
            objective.data();
            SearchResult result = searcher.search(objective, space, selection);
            summarize(out, result, taskSpec, epochBudget, studyName, store.location());
        }
        return 0;
    }

    /** The ranking: by the best metric, or by the time to {@code --target}. */
    private Selection selection() {
        if (target == null) {
            return Selection.BEST_METRIC;
        }
        int equals = target.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("--target must be METRIC=VALUE, e.g. val_accuracy=0.85; got '" + target
                    + "'");
        }
        double value;
        try {
            value = Double.parseDouble(target.substring(equals + 1).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--target needs a number after '=', got '" + target + "'", e);
        }
        return Selection.timeToTarget(new Target(Metric.ofWord(target.substring(0, equals)), value));
    }

    private List<ScheduleFamily> families() {
        List<ScheduleFamily> chosen = new ArrayList<>();
        for (String word : families.split(",", -1)) {
            if (word.isBlank()) {
                throw new IllegalArgumentException("--families has an empty entry: '" + families + "'");
            }
            ScheduleFamily family = ScheduleFamily.of(word);
            if (chosen.contains(family)) {
                throw new IllegalArgumentException("--families names '" + family.word() + "' twice");
            }
            chosen.add(family);
        }
        return chosen;
    }

    private List<Spec> optimizerSpecs(TaskSpec taskSpec) {
        if (optimizers == null || optimizers.isEmpty()) {
            return List.of(taskSpec.optimizer());
        }
        List<Spec> specs = new ArrayList<>();
        for (String text : optimizers) {
            Spec spec = Spec.parse(text);
            Optimizers.validate(spec);
            specs.add(spec);
        }
        return specs;
    }

    private static void progress(PrintWriter err, TrialObjective.StoredTrial trial) {
        String best = Double.isFinite(trial.bestMetric())
                ? String.format(Locale.ROOT, "best %.4f", trial.bestMetric()) : "no finite metric";
        err.printf(Locale.ROOT, "trial %d: %s, %s: %s after %d epochs, %s, %.1f s%n", trial.trialId(),
                trial.controller(), trial.optimizer(), trial.status().word(), trial.epochs(), best, trial.seconds());
        err.flush();
    }

    private static void summarize(PrintWriter out, SearchResult result, TaskSpec taskSpec, int epochs, String study,
            String location) {
        Cost cost = result.cost();
        out.printf(Locale.ROOT, "search %s on %s: %d trials, %d epochs, %.1f s%n", result.strategy(), taskSpec.name(),
                cost.trials(), cost.epochs(), cost.seconds());
        out.printf(Locale.ROOT, "best controller: %s%n", result.controller(epochs));
        out.printf(Locale.ROOT, "best optimizer: %s%n", result.best().point().optimizer());
        double best = result.best().best();
        if (!Double.isFinite(best)) {
            out.printf(Locale.ROOT, "best val accuracy: none (every trial diverged)%n");
        } else if (best < 0) {
            // A regression task's metric is the negated validation loss.
            out.printf(Locale.ROOT, "best val loss: %.5f%n", -best);
        } else {
            out.printf(Locale.ROOT, "best val accuracy: %.4f%n", best);
        }
        if (!result.exploits().isEmpty()) {
            out.printf(Locale.ROOT, "exploits: %d%n", result.exploits().size());
        }
        out.printf(Locale.ROOT, "cost: %d trials, %d epochs, %.1f s%n", cost.trials(), cost.epochs(), cost.seconds());
        out.printf(Locale.ROOT, "stored as study %s in %s%n", study, location);
        out.flush();
    }
}
