package dev.psi.lab.study;

import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.criteria.TuningCost;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.result.SurfaceRow;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecValue;
import dev.psi.lab.fit.PsiFit;
import dev.psi.lab.fit.PsiFitter;
import dev.psi.lab.fit.TargetRows;
import dev.psi.lab.model.PsiModelFile;
import dev.psi.lab.search.Point;
import dev.psi.lab.work.FinishedTrial;
import dev.psi.lab.work.Job;
import dev.psi.lab.work.JobResult;
import dev.psi.lab.work.RangeTestJob;
import dev.psi.lab.work.SampleJob;
import dev.psi.lab.work.StoredFiles;
import dev.psi.lab.work.TrialJob;
import dev.psi.lab.work.Workers;
import dev.psi.store.FileFailures;
import dev.psi.store.ResultStore;
import dev.psi.train.data.DataShape;
import dev.psi.train.task.TaskSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs a study end to end (DESIGN.md, "The pipeline of a study"): calibrate a target per task, sample the
 * surface on the training tasks with the oracle, fit Ψ as a formula and as a network, then evaluate every
 * method on every held-out task over the plan's seeds and summarize each (task, method) by the three
 * criteria and its tuning cost.
 *
 * <p>Every trial is a {@link Job} run by {@link Workers}: in this process, or in worker processes that take
 * them from the store's queue. All work that needs only the plan is queued at once (sampling and the training
 * grid first, as the fit and the calibrated rows wait for them, then the calibration grids, whose targets the
 * searches need); the calibrated rows and the learned list ({@link GridRows}) follow the training grid
 * ({@link TrainingGrid}), the Ψ runs the fit, the searches ({@link Searches}, ranked by time to target) and
 * the learned list's tries the calibration, ahead of the rest, and the evaluation runs of what they chose follow
 * them. A plan with a relative Ψ also queues one range test per task with the sampling ({@link RangeTests}),
 * whose scales the relative fit and its runs need. The study itself only fits Ψ and reads results from the store.
 *
 * <p>Studies in the store, all named after the plan: {@code NAME-calibrate} (calibration grids and the training
 * grid, tuning seeds), {@code NAME-labels} (the long-horizon labeller's searches, sampling seeds),
 * {@code NAME-sample} (the training surface, sampling seeds), {@code NAME-search} (search trials and the learned list's tries, tuning seeds),
 * {@code NAME-pbt} (PBT's members, evaluation seeds), {@code NAME-oracle} (the oracle method on held-out tasks)
 * and {@code NAME} (every evaluation run, PBT's winners included); the
 * jobs are queued under {@code NAME}. Sampling, tuning and evaluation seeds lie in ranges that never meet
 * ({@link StudyPlan#SAMPLING_SEEDS_FROM}), so no run that Ψ learned from or that chose a target or a rate saw
 * the examples, initialization or batch order of an evaluation run. The oracle and PBT are the exceptions
 * by design: they choose while they train, so they run on the evaluation seeds, and pay for it in their cost.
 *
 * <h2>Resuming</h2>
 * Rerunning a plan runs only the jobs that are not done: a done search keeps what it found, a trial found
 * finished in the store is not trained again, and a trial a killed process left unfinished resumes from its
 * last stored epoch (an oracle trajectory or a search starts again from its beginning). Jobs an earlier run
 * left queued are superseded, and queued again only if this plan holds them. Ψ is refitted from the stored
 * surface, deterministically; its runs name the model by its content, so a refit that changed it trains them
 * again.
 */
public final class Study {

    /**
     * Queue priorities, lower first: the fit waits for the sampling; the searches, the longest jobs, wait for
     * the calibration that sets their target.
     */
    private static final int SAMPLING_FIRST = 0;
    private static final int SEARCHES_NEXT = 1;
    private static final int THE_REST = 2;

    /**
     * Ψ as fitted: the surface it learned from, the verdict's formula and network, the model file of every Ψ the
     * plan evaluates, and what sampling and fitting the verdict's two cost.
     */
    private record Fitted(List<SurfaceRow> surface, PsiFit formula, PsiFit network, Map<Method, String> files,
            TuningCost cost) {
    }

    private final ResultStore store;
    private final Trajectories trajectories;
    private final Path out;
    private final Workers workers;
    private final Workers.Listener listener;

    /**
     * @param store where every trial goes and where finished ones are found
     * @param out the folder for the fitted Ψ model files (created if needed)
     * @param workers what runs the jobs
     * @param listener told of the study's own steps (calibration, fit, results); the workers tell of the jobs
     */
    public Study(ResultStore store, Path out, Workers workers, Workers.Listener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.trajectories = new Trajectories(store);
        this.out = Objects.requireNonNull(out, "out");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Runs every job of {@code plan} that the store does not hold done, and summarizes the results.
     *
     * @throws dev.psi.lab.work.JobFailedException if a job failed, e.g. because a task's data is missing
     * @throws IllegalArgumentException if Ψ cannot be fitted to the sampled surface
     */
    public StudyResults run(StudyPlan plan) {
        long start = System.nanoTime();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the study folder " + out + ": " + FileFailures.describe(e), e);
        }
        // Workers find the spec-file tasks, with their data, in the store: they need no file of this machine.
        StoredFiles stored = StoredFiles.of(store);
        Map<String, String> sources = new LinkedHashMap<>();
        plan.specFiles().forEach((task, source) -> sources.put(task, stored.storeTask(source)));
        plan = plan.withSpecFiles(sources);
        String name = plan.name();
        // What an interrupted earlier run left queued is queued again below if this plan still holds it.
        store.jobs().supersede(name);
        List<TaskSpec> all = new ArrayList<>(plan.trainingTasks());
        all.addAll(plan.heldOutTasks());
        Map<String, Integer> sizes = trainSizes(plan, all);
        // Only the held-out tasks need a target: time to target is measured on them alone.
        Map<TaskSpec, List<TrialJob>> calibration = new LinkedHashMap<>();
        for (TaskSpec task : plan.heldOutTasks()) {
            if (task.target().isEmpty()) {
                calibration.put(task, Calibration.runs(plan, task, sizes.get(task.name())));
            }
        }
        TrainingGrid grid = TrainingGrid.of(plan, sizes);
        List<Job> sampling = new ArrayList<>(Trajectories.trajectories(plan, name + "-sample", "sample", plan.trainingTasks(),
                plan.samplingSeedList(), sizes));
        sampling.addAll(Trajectories.labels(plan, sizes));
        List<SampleJob> oracle = plan.methods().contains(Method.ORACLE)
                ? Trajectories.trajectories(plan, name + "-oracle", "oracle", plan.heldOutTasks(), plan.evaluationSeeds(), sizes)
                : List.of();
        List<Evaluation> evaluations = plan.defaults().textbook() ? untuned(plan, sizes) : new ArrayList<>();
        RangeTests rangeTests = RangeTests.of(plan, sizes);
        workers.submit(name, sampling, SAMPLING_FIRST);
        workers.submit(name, rangeTests.jobs(), SAMPLING_FIRST);
        workers.submit(name, grid.jobs(), SAMPLING_FIRST);
        calibration.values().forEach(runs -> workers.submit(name, runs, SEARCHES_NEXT));
        workers.submit(name, oracle, THE_REST);
        evaluations.forEach(evaluation -> workers.submit(name, evaluation.runs(), THE_REST));

        Map<TaskSpec, List<TrialJob>> listTries = new LinkedHashMap<>();
        List<GridScores.Config> list = List.of();
        GridChoices chosen = GridChoices.NONE;
        if (!grid.isEmpty()) {
            workers.await(name, grid.jobs());
            // Each grid trial is read from the store once, for the scores and for the cost.
            Map<TrialJob, FinishedTrial> read = new HashMap<>();
            Function<TrialJob, FinishedTrial> finishedOnce = job -> read.computeIfAbsent(job, this::finished);
            GridScores scores = grid.scores(finishedOnce);
            List<Evaluation> decided = new ArrayList<>();
            if (plan.defaults().calibrated()) {
                decided.addAll(GridRows.calibrated(plan, scores, sizes));
            }
            list = scores.learnedList(GridRows.LIST_TRIES);
            decided.addAll(GridRows.firstOfList(plan, list, sizes));
            decided.forEach(evaluation -> workers.submit(name, evaluation.runs(), THE_REST));
            evaluations.addAll(decided);
            chosen = grid.choices(scores, list, finishedOnce);
            progress("training grid: %d runs, %.1f s; calibrated scales %s; learned list %s", chosen.cost().trials(),
                    chosen.cost().seconds(), chosen.scales(), chosen.list());
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        Map<String, TuningCost> calibrationCost = new LinkedHashMap<>();
        Map<String, String> targetOrigins = new LinkedHashMap<>();
        for (TaskSpec task : plan.heldOutTasks()) {
            List<TrialJob> runs = calibration.getOrDefault(task, List.of());
            workers.await(name, runs);
            calibrate(task, runs, targets, calibrationCost);
            targetOrigins.put(task.name(), Calibration.describe(plan, task));
            if (plan.methods().contains(Method.LEARNED_LIST_3)) {
                listTries.put(task, GridRows.tries(plan, task, list, sizes.get(task.name())));
                workers.submit(name, listTries.get(task), SEARCHES_NEXT);
            }
        }
        Searches searches = new Searches(plan, sizes, targets);
        workers.submit(name, searches.jobs(), SEARCHES_NEXT);

        workers.await(name, sampling);
        Map<String, RangeTestJob.Scale> scales = rangeTests.scales(workers.await(name, rangeTests.jobs()));
        Fitted psi = fit(plan, scales);
        for (Evaluation run : psiRuns(plan, psi, sizes, scales)) {
            workers.submit(name, run.runs(), THE_REST);
            evaluations.add(run);
        }
        List<JobResult> found = workers.await(name, searches.jobs());
        for (Searches.Replay tuned : searches.replays(found)) {
            workers.submit(name, tuned.runs(), THE_REST);
            evaluations.add(new Evaluation(tuned.task(), tuned.method(), tuned.method().word(), tuned.runs(),
                    tuned.tuning()));
        }
        for (Map.Entry<TaskSpec, List<TrialJob>> tries : listTries.entrySet()) {
            TaskSpec task = tries.getKey();
            workers.await(name, tries.getValue());
            Evaluation best = GridRows.bestOfList(plan, task, list, tries.getValue(), targets.get(task.name()),
                    this::finished, sizes.get(task.name()));
            workers.submit(name, best.runs(), THE_REST);
            evaluations.add(best);
        }
        List<Job> rest = new ArrayList<>(oracle);
        evaluations.forEach(evaluation -> rest.addAll(evaluation.runs()));
        workers.await(name, rest);

        List<MethodResult> results = new ArrayList<>();
        for (TaskSpec task : plan.heldOutTasks()) {
            for (Method method : plan.methods()) {
                Target target = targets.get(task.name());
                if (method == Method.ORACLE) {
                    results.add(trajectories.oracle(plan, task, target));
                } else if (method == Method.PBT) {
                    results.add(searches.pbt(store, task, target, found));
                }
                for (Evaluation evaluation : evaluations) {
                    if (evaluation.task().equals(task) && evaluation.method() == method) {
                        results.add(Summaries.of(task.name(), evaluation.label(),
                                evaluation.runs().stream().map(job -> finished(job).curve()).toList(), target,
                                evaluation.tuning()));
                    }
                }
            }
        }
        return new StudyResults(plan.name(), plan.preset(), names(plan.trainingTasks()), names(plan.heldOutTasks()),
                targets, results, psi.surface(), psi.formula().model(), psi.network().model(), psi.cost(),
                (System.nanoTime() - start) / 1e9, calibrationCost, targetOrigins, chosen);
    }

    /**
     * Ψ fitted to the sampled surface, as a formula and as a network, and every ablation Ψ the plan evaluates
     * ({@link Method#psiFeatures}; a relative Ψ to the rates divided by each task's {@code scales}), each written to
     * {@code OUT/WORD.json} and to {@code OUT/models/WORD-HASH.json}, a copy named by its content, and stored in the
     * store by its content for its runs, which name it {@code store:HASH/WORD.json} ({@link StoredFiles}).
     */
    private Fitted fit(StudyPlan plan, Map<String, RangeTestJob.Scale> scales) {
        String sampleStudy = plan.name() + "-sample";
        // The greedy oracle's rows and, when the plan asks for them, the long-horizon labeller's, which the fit
        // then takes as labels (TargetRows); both paths are drawn on the surface. Only this plan's training tasks:
        // an earlier run of the same name may have sampled tasks this plan holds out.
        List<String> training = names(plan.trainingTasks());
        List<SurfaceRow> surface = new ArrayList<>(store.surface().of(sampleStudy));
        if (plan.longHorizon().isPresent()) {
            surface.addAll(store.surface().of(plan.name() + "-labels"));
        }
        surface.removeIf(row -> !training.contains(row.task()));
        TargetRows.Rule labels = plan.longHorizon().isPresent() ? TargetRows.Rule.HORIZON : TargetRows.Rule.ORACLE;
        PsiFitter fitter = new PsiFitter(1);
        Map<Method, PsiFit> fits = new LinkedHashMap<>();
        Map<Method, String> files = new LinkedHashMap<>();
        StoredFiles stored = StoredFiles.of(store);
        for (Method method : Method.values()) {
            if (method.psi() && (plan.methods().contains(method) || method == Method.PSI_FORMULA
                    || method == Method.PSI_NETWORK)) {
                List<SurfaceRow> rows = method.relative() ? RangeTests.relative(surface, scales) : surface;
                PsiFit fit = fitter.fit(rows, method.psiKind(), method.psiFeatures(), List.of(sampleStudy), labels);
                Path file = out.resolve(method.word() + ".json").toAbsolutePath();
                PsiModelFile.write(file, fit.model());
                fits.put(method, fit);
                // The runs name the model stored by its content (store:HASH/WORD.json), which workers fetch from the
                // store: a trial is found done by its spec, so a rerun whose refit changed the model (other data, other
                // features) trains them again, and one whose refit did not reads them back, whatever its --out. The
                // copy in OUT/models, named by its content too, is for the user's own Psi(model=FILE).
                Path copy = PsiModelFile.writeNamedByContent(out.resolve("models"), method.word(), fit.model());
                files.put(method, stored.storeModel(copy, method.word() + ".json"));
                progress("fit %s: inputs %s, in %.1f s", method.word(),
                        fit.model().features().stream().map(PsiFeature::word).toList(), fit.seconds());
            }
        }
        PsiFit formula = fits.get(Method.PSI_FORMULA);
        PsiFit network = fits.get(Method.PSI_NETWORK);
        TuningCost cost = trajectories.oracleCost(sampleStudy, plan, plan.trainingTasks(), plan.samplingSeedList())
                .plus(trajectories.labelsCost(plan))
                .plus(new TuningCost(0, 0, formula.seconds() + network.seconds()));
        return new Fitted(surface, formula, network, files, cost);
    }

    /** The fixed methods' runs: one controller each, untuned, on every held-out task and seed. */
    private static List<Evaluation> untuned(StudyPlan plan, Map<String, Integer> sizes) {
        List<Evaluation> evaluations = new ArrayList<>();
        for (TaskSpec task : plan.heldOutTasks()) {
            for (Method method : plan.methods()) {
                if (method.fixed()) {
                    evaluations.add(Evaluation.of(plan, task, method, method.label(task, 1, false),
                            method.controller(task, plan.epochsOf(task)), method.optimizer(task.optimizer()),
                            sizes.get(task.name()), TuningCost.ZERO));
                }
            }
        }
        return evaluations;
    }

    /**
     * The runs of {@code Psi(model=FILE)} with each fitted model the plan evaluates; a relative Ψ's with
     * {@code scale=s}, the task's range test's rate, which is its tuning cost.
     */
    private static List<Evaluation> psiRuns(StudyPlan plan, Fitted psi, Map<String, Integer> sizes,
            Map<String, RangeTestJob.Scale> scales) {
        List<Evaluation> evaluations = new ArrayList<>();
        for (TaskSpec task : plan.heldOutTasks()) {
            for (Method method : plan.methods()) {
                if (method.psi()) {
                    String model = "model=" + new SpecValue.Word(psi.files().get(method));
                    TuningCost tuning = TuningCost.ZERO;
                    if (method.relative()) {
                        RangeTestJob.Scale scale = scales.get(task.name());
                        model += ",scale=" + Point.rateText(scale.rate());
                        tuning = scale.cost();
                    }
                    evaluations.add(Evaluation.of(plan, task, method, method.word(), Spec.parse("Psi(" + model + ")"),
                            task.optimizer(), sizes.get(task.name()), tuning));
                }
            }
        }
        return evaluations;
    }

    /**
     * Each task's training subset: the plan's size, or all of a task's examples when it has fewer (a user's
     * small data set under the quick preset's 5000), or {@code null} for all when the plan sets none. A
     * task whose size is not known without reading its files (CSV, IDX) is read once here, so missing or
     * malformed data fails before anything is queued.
     */
    static Map<String, Integer> trainSizes(StudyPlan plan, List<TaskSpec> tasks) {
        Map<String, Integer> sizes = new HashMap<>();
        for (TaskSpec task : tasks) {
            if (plan.trainSize().isPresent()) {
                int available = task.shape().map(DataShape::trainCount)
                        .orElseGet(() -> task.load(0, plan.tuningSeeds().get(0)).train().count());
                sizes.put(task.name(), Math.min(plan.trainSize().getAsInt(), available));
            }
        }
        return sizes;
    }

    /** The task's target: its spec's, or the one its calibration grid sets ({@link Calibration#target}). */
    private void calibrate(TaskSpec task, List<TrialJob> grid, Map<String, Target> targets,
            Map<String, TuningCost> costs) {
        if (task.target().isPresent()) {
            targets.put(task.name(), Calibration.given(task));
            return;
        }
        Map<Long, List<TrialCurve>> curvesBySeed = new TreeMap<>();
        TuningCost cost = TuningCost.ZERO;
        for (TrialJob job : grid) {
            FinishedTrial run = finished(job);
            curvesBySeed.computeIfAbsent(job.seed(), seed -> new ArrayList<>()).add(run.curve());
            cost = cost.plus(new TuningCost(1, run.curve().epochs().size(), run.seconds()));
        }
        Target target = Calibration.target(task.name(), curvesBySeed);
        targets.put(task.name(), target);
        costs.put(task.name(), cost);
        progress("calibrate %s: target %s %.4g, the median over %d seeds of the grid's best (%d runs, %.1f s)",
                task.name(), target.metric().word(), target.value(), curvesBySeed.size(), cost.trials(),
                cost.seconds());
    }

    /** A trial the workers reported done, read back from the store. */
    private FinishedTrial finished(TrialJob job) {
        return job.find(store).orElseThrow(() -> new IllegalStateException("job '" + job.label()
                + "' is done but its trial is not in " + store.location()));
    }

    private void progress(String format, Object... args) {
        listener.onProgress(String.format(Locale.ROOT, format, args));
    }

    private static List<String> names(List<TaskSpec> tasks) {
        return tasks.stream().map(TaskSpec::name).toList();
    }
}
