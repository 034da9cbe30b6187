package dev.psi.lab.study;

import dev.psi.core.criteria.Metric;
import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.criteria.TuningCost;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.SurfaceRow;
import dev.psi.core.result.TrialStatus;
import dev.psi.core.spec.Spec;
import dev.psi.lab.fit.FitKind;
import dev.psi.lab.fit.PsiFit;
import dev.psi.lab.fit.PsiFitter;
import dev.psi.lab.model.PsiModelFile;
import dev.psi.lab.search.Budget;
import dev.psi.lab.search.PopulationBasedTraining;
import dev.psi.lab.search.RandomSearch;
import dev.psi.lab.search.RateSchedule;
import dev.psi.lab.search.ScheduleFamily;
import dev.psi.lab.search.SearchResult;
import dev.psi.lab.search.SearchSpace;
import dev.psi.lab.search.SearchStrategy;
import dev.psi.lab.search.SuccessiveHalving;
import dev.psi.lab.search.TrialObjective;
import dev.psi.lab.surface.SamplingMode;
import dev.psi.lab.surface.SamplingPlan;
import dev.psi.lab.surface.SurfaceSampler;
import dev.psi.store.ResultStore;
import dev.psi.store.TrialSummary;
import dev.psi.train.optim.Optimizers;
import dev.psi.train.task.TaskSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs a study end to end (DESIGN.md, "The pipeline of a study"), in this process, one trial after
 * another: calibrate a target per task, sample the surface on the training tasks with the oracle, fit Ψ
 * as a formula and as a network, then evaluate every method on every held-out task over the plan's
 * seeds and summarize each (task, method) by the three criteria and its tuning cost.
 *
 * <p>Studies in the store, all named after the plan: {@code NAME-calibrate} (calibration grids, seed 0),
 * {@code NAME-sample} (the training surface), {@code NAME-search} (search trials, seed 0),
 * {@code NAME-oracle} (the oracle method on held-out tasks) and {@code NAME} (every evaluation run).
 * Evaluation seeds are 1..N; tuning uses seed 0, so no tuning run saw an evaluation seed.
 *
 * <h2>Resuming</h2>
 * Rerunning a plan trains only what is missing: calibration and evaluation runs are found by
 * {@link ResultStore#trialsLike}, sampling and the oracle resume in {@link SurfaceSampler}. The searches
 * are run again (their trials are not resumable), which is deterministic and short next to the rest;
 * their trials are then stored twice under {@code NAME-search}. Ψ is refitted from the stored surface.
 *
 * <p>The calling thread must be the only one training in the JVM.
 */
public final class Study {

    /** Observes the study's progress: one line per step or trial. */
    @FunctionalInterface
    public interface Listener {

        /** A listener that ignores everything. */
        Listener NONE = line -> {
        };

        /** A line of progress, e.g. {@code evaluate fmnist-mlp constant seed 2: completed, 1.2 s}. */
        void onProgress(String line);
    }

    /** Accuracy targets are this fraction of the best calibrated validation accuracy. */
    static final double ACCURACY_FRACTION = 0.97;
    /** Loss targets are the best calibrated validation loss times this. */
    static final double LOSS_FACTOR = 1.03;
    /** Searches look for α in [standard / this, standard × {@link #SEARCH_ABOVE}]. */
    private static final double SEARCH_BELOW = 100;
    private static final double SEARCH_ABOVE = 10;

    private final ResultStore store;
    private final Path out;
    private final Listener listener;

    /**
     * @param store where every trial goes and where finished ones are found
     * @param out the folder for the fitted Ψ model files (created if needed)
     * @param listener told of the study's progress
     */
    public Study(ResultStore store, Path out, Listener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.out = Objects.requireNonNull(out, "out");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Runs every step of {@code plan} that the store does not hold done.
     *
     * @throws dev.psi.train.data.DataException if a task's data is missing
     * @throws IllegalArgumentException if Ψ cannot be fitted to the sampled surface
     */
    public StudyResults run(StudyPlan plan) {
        long start = System.nanoTime();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        Map<String, TuningCost> calibration = new LinkedHashMap<>();
        List<TaskSpec> all = new ArrayList<>(plan.trainingTasks());
        all.addAll(plan.heldOutTasks());
        for (TaskSpec task : all) {
            calibrate(plan, task, targets, calibration);
        }

        String sampleStudy = plan.name() + "-sample";
        new SurfaceSampler(store, trial -> progress("sample %s seed %d: %s, %d epochs trained, %.1f s", trial.task(),
                trial.seed(), trial.skipped() ? "done before" : trial.status().word(), trial.epochsTrained(),
                trial.wallSeconds())).sample(new SamplingPlan(sampleStudy, plan.trainingTasks(), plan.oracle(),
                plan.samplingSeeds(), plan.epochs(), plan.trainSize(), OptionalInt.empty(), Optional.empty()));
        List<SurfaceRow> surface = store.surface(sampleStudy);
        PsiFitter fitter = new PsiFitter(1);
        PsiFit formula = fitter.fit(surface, FitKind.FORMULA, PsiFitter.DEFAULT_FEATURES, List.of(sampleStudy));
        PsiFit network = fitter.fit(surface, FitKind.NETWORK, PsiFitter.DEFAULT_FEATURES, List.of(sampleStudy));
        Path formulaFile = out.resolve("psi-formula.json").toAbsolutePath();
        Path networkFile = out.resolve("psi-network.json").toAbsolutePath();
        PsiModelFile.write(formulaFile, formula.model());
        PsiModelFile.write(networkFile, network.model());
        progress("fit psi: formula in %.1f s, network in %.1f s", formula.seconds(), network.seconds());
        TuningCost psiCost = oracleCost(sampleStudy, plan, plan.trainingTasks(), plan.samplingSeeds())
                .plus(new TuningCost(0, 0, formula.seconds() + network.seconds()));

        EvaluationRuns runs = new EvaluationRuns(store, plan.name(), "evaluate", plan.trainSize());
        List<MethodResult> results = new ArrayList<>();
        for (TaskSpec task : plan.heldOutTasks()) {
            Target target = targets.get(task.name());
            for (Method method : plan.methods()) {
                MethodResult result = switch (method) {
                    case PSI_FORMULA -> fixed(plan, runs, task, target, method,
                            Spec.parse("Psi(model=" + formulaFile + ")"), task.optimizer());
                    case PSI_NETWORK -> fixed(plan, runs, task, target, method,
                            Spec.parse("Psi(model=" + networkFile + ")"), task.optimizer());
                    case ORACLE -> oracle(plan, task, target);
                    case RANDOM_SEARCH, SUCCESSIVE_HALVING, PBT -> searched(plan, runs, task, target, method);
                    default -> fixed(plan, runs, task, target, method,
                            method.controller(task.optimizer(), plan.epochsOf(task)),
                            method.optimizer(task.optimizer()));
                };
                results.add(result);
                progress("result %s %s: reached %d/%d, median steps %s, best acc %.4f, final loss %.4g",
                        task.name(), result.method(), result.reliability().successes(), result.reliability().trials(),
                        result.medianStepsToTarget(), result.bestValAccuracy(), result.finalValLoss());
            }
        }
        return new StudyResults(plan.name(), plan.preset(), names(plan.trainingTasks()), names(plan.heldOutTasks()),
                targets, results, surface, formula.model(), network.model(), psiCost,
                (System.nanoTime() - start) / 1e9, calibration);
    }

    /**
     * The task's target: its spec's, or a fraction of the best a short grid of constant rates reached with
     * the task's optimizer (accuracy for classification, validation loss for regression).
     */
    private void calibrate(StudyPlan plan, TaskSpec task, Map<String, Target> targets,
            Map<String, TuningCost> costs) {
        if (task.target().isPresent()) {
            dev.psi.train.task.Target given = task.target().get();
            targets.put(task.name(), new Target(Metric.ofWord(given.metric().word()), given.value()));
            return;
        }
        EvaluationRuns runs = new EvaluationRuns(store, plan.name() + "-calibrate", "calibrate", plan.trainSize());
        double standard = Optimizers.defaultLearningRate(task.optimizer());
        List<TrialCurve> curves = new ArrayList<>();
        TuningCost cost = TuningCost.ZERO;
        for (double factor : plan.calibrationFactors()) {
            Spec controller = Spec.parse(ScheduleFamily.CONSTANT.spec(Method.rateText(standard * factor),
                    plan.epochsOf(task)));
            EvaluationRuns.Run run = runs.run(task, controller, task.optimizer(), StudyPlan.TUNING_SEED,
                    plan.epochsOf(task), "calibrate");
            curves.add(run.curve());
            cost = cost.plus(new TuningCost(1, run.curve().epochs().size(), run.seconds()));
        }
        boolean regression = curves.stream().flatMap(c -> c.countedEpochs().stream())
                .allMatch(e -> Double.isNaN(e.valAccuracy()));
        Metric metric = regression ? Metric.VAL_LOSS : Metric.VAL_ACCURACY;
        double best = curves.stream().flatMap(c -> c.countedEpochs().stream()).mapToDouble(metric::of)
                .filter(Double::isFinite).reduce((a, b) -> metric.better(a, b) ? a : b)
                .orElseThrow(() -> new IllegalArgumentException("calibrating " + task.name() + ": every run of the "
                        + "grid diverged; give the task a target in its spec"));
        Target target = new Target(metric, regression ? best * LOSS_FACTOR : best * ACCURACY_FRACTION);
        targets.put(task.name(), target);
        costs.put(task.name(), cost);
        progress("calibrate %s: best %s %.4g, target %.4g (%d runs, %.1f s)", task.name(), metric.word(), best,
                target.value(), cost.trials(), cost.seconds());
    }

    /** A method that trains one controller spec on every seed, untuned. */
    private MethodResult fixed(StudyPlan plan, EvaluationRuns runs, TaskSpec task, Target target, Method method,
            Spec controller, Spec optimizer) {
        String label = method.fixed() ? method.label(task.optimizer(), plan.epochsOf(task)) : method.word();
        List<TrialCurve> curves = new ArrayList<>();
        for (long seed = 1; seed <= plan.seeds(); seed++) {
            EvaluationRuns.Run run = runs.run(task, controller, optimizer, seed, plan.epochsOf(task), method.word());
            report(task, label, seed, run);
            curves.add(run.curve());
        }
        return Summaries.of(task.name(), label, curves, target, TuningCost.ZERO);
    }

    /** A search on the task at the tuning seed, then what it found trained on every evaluation seed. */
    private MethodResult searched(StudyPlan plan, EvaluationRuns runs, TaskSpec task, Target target, Method method) {
        int epochs = plan.epochsOf(task);
        Budget budget = new Budget(plan.searchTrials(), epochs, StudyPlan.TUNING_SEED);
        SearchStrategy strategy = switch (method) {
            case RANDOM_SEARCH -> new RandomSearch(budget);
            case SUCCESSIVE_HALVING -> new SuccessiveHalving(budget);
            default -> new PopulationBasedTraining(budget);
        };
        double standard = Optimizers.defaultLearningRate(task.optimizer());
        SearchSpace space = new SearchSpace(standard / SEARCH_BELOW, standard * SEARCH_ABOVE,
                List.of(ScheduleFamily.values()), List.of(task.optimizer()));
        TrialObjective objective = new TrialObjective(store, plan.name() + "-search", task, task.batchSize(),
                plan.trainSize(), StudyPlan.TUNING_SEED, Map.of("strategy", strategy.name()), TrialObjective.Listener.NONE);
        SearchResult found = strategy.search(objective, space);
        TuningCost tuning = new TuningCost(found.cost().trials(), found.cost().epochs(), found.cost().seconds());
        progress("search %s %s: %s, %d trials, %d epochs, %.1f s", task.name(), strategy.name(),
                found.controller(epochs), tuning.trials(), tuning.epochs(), tuning.seconds());
        List<TrialCurve> curves = new ArrayList<>();
        for (long seed = 1; seed <= plan.seeds(); seed++) {
            EvaluationRuns.Run run;
            if (found.schedule().isPresent()) {
                RateSchedule schedule = found.schedule().get();
                Spec initial = Spec.parse(ScheduleFamily.CONSTANT.spec(Method.rateText(schedule.rate(0)), epochs));
                run = runs.run(task, schedule.toString(), initial, schedule::controller, task.optimizer(), seed,
                        epochs, method.word());
            } else {
                run = runs.run(task, Spec.parse(found.best().point().controller(epochs)),
                        found.best().point().optimizer(), seed, epochs, method.word());
            }
            report(task, method.word(), seed, run);
            curves.add(run.curve());
        }
        return Summaries.of(task.name(), method.word(), curves, target, tuning);
    }

    /** The oracle's own trajectory on the held-out task, one per seed; its tuning cost is its branching. */
    private MethodResult oracle(StudyPlan plan, TaskSpec task, Target target) {
        String study = plan.name() + "-oracle";
        new SurfaceSampler(store, trial -> progress("oracle %s seed %d: %s, %d epochs trained, %.1f s",
                trial.task(), trial.seed(), trial.skipped() ? "done before" : trial.status().word(),
                trial.epochsTrained(), trial.wallSeconds())).sample(new SamplingPlan(study, List.of(task),
                plan.oracle(), plan.seeds(), plan.epochs(), plan.trainSize(), OptionalInt.empty(), Optional.empty()));
        List<TrialCurve> curves = new ArrayList<>();
        for (TrialSummary trial : finished(study, task, plan.seeds())) {
            curves.add(new TrialCurve(trial.status(), store.epochs(trial.id())));
        }
        TuningCost total = oracleCost(study, plan, List.of(task), plan.seeds());
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
    private TuningCost oracleCost(String study, StudyPlan plan, List<TaskSpec> tasks, int seeds) {
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

    /** The latest finished trial of each seed 1..{@code seeds} of {@code task} in {@code study}. */
    private List<TrialSummary> finished(String study, TaskSpec task, int seeds) {
        Map<Long, TrialSummary> bySeed = new LinkedHashMap<>();
        store.trials(study).stream()
                .filter(t -> t.task().equals(task.name()) && t.seed() >= 1 && t.seed() <= seeds)
                .filter(t -> t.status() == TrialStatus.COMPLETED || t.status() == TrialStatus.DIVERGED)
                .sorted(Comparator.comparingLong(TrialSummary::id))
                .forEach(t -> bySeed.put(t.seed(), t));
        return bySeed.values().stream().sorted(Comparator.comparingLong(TrialSummary::seed)).toList();
    }

    private void report(TaskSpec task, String method, long seed, EvaluationRuns.Run run) {
        progress("evaluate %s %s seed %d: %s%s, %.1f s", task.name(), method, seed, run.curve().status().word(),
                run.skipped() ? " (done before)" : "", run.seconds());
    }

    private void progress(String format, Object... args) {
        listener.onProgress(String.format(Locale.ROOT, format, args));
    }

    private static List<String> names(List<TaskSpec> tasks) {
        return tasks.stream().map(TaskSpec::name).toList();
    }
}
