package dev.psi.lab.study;

import dev.psi.core.criteria.Medians;
import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TimeToTarget;
import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.criteria.TuningCost;
import dev.psi.core.spec.Spec;
import dev.psi.lab.study.GridScores.Config;
import dev.psi.lab.work.FinishedTrial;
import dev.psi.lab.work.TrialJob;
import dev.psi.train.task.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The grid a study trains on its training tasks so that the fixed methods get the same chance Ψ gets: every
 * fixed method of the plan (every fixed method, when the plan evaluates none but a learned list) at every scale
 * of {@link StudyPlan#GRID_SCALES} (a method's own limits permitting, {@link Method#accepts}), on every tuning
 * seed, at the study's budget. {@code constant} is always among them,
 * on the plan's wider {@link StudyPlan#calibrationFactors() calibration grid}: its runs set each training task's
 * target exactly as {@link Calibration} sets a held-out task's, unless the task's spec sets one. From the results ({@link GridScores}) come each
 * fixed method's calibrated scale and the learned configuration list; nothing of the held-out tasks is used.
 *
 * <p>The trials are stored in {@code NAME-calibrate}, with the held-out tasks' calibration grids. Like Ψ's
 * sampling, the grid is paid once for every new task: its cost is amortized, not a per-task tuning cost.
 */
final class TrainingGrid {

    private final StudyPlan plan;
    /** The runs by task, then by configuration, one per tuning seed. */
    private final Map<TaskSpec, Map<Config, List<TrialJob>>> runs;

    private TrainingGrid(StudyPlan plan, Map<TaskSpec, Map<Config, List<TrialJob>>> runs) {
        this.plan = plan;
        this.runs = runs;
    }

    /**
     * The grid of {@code plan}, empty when the plan neither calibrates defaults nor evaluates a learned list.
     *
     * @param sizes each task's training subset, by task name (absent for all)
     */
    static TrainingGrid of(StudyPlan plan, Map<String, Integer> sizes) {
        Map<TaskSpec, Map<Config, List<TrialJob>>> runs = new LinkedHashMap<>();
        if (!needed(plan)) {
            return new TrainingGrid(plan, runs);
        }
        for (TaskSpec task : plan.trainingTasks()) {
            Map<Config, List<TrialJob>> byConfig = new LinkedHashMap<>();
            List<TrialJob> targetGrid = Calibration.runs(plan, task, sizes.get(task.name()));
            int rates = plan.calibrationFactors().size();
            for (int i = 0; i < rates; i++) {
                List<TrialJob> seeds = new ArrayList<>();
                for (int seed = 0; seed < plan.tuningSeeds().size(); seed++) {
                    seeds.add(targetGrid.get(seed * rates + i));
                }
                byConfig.put(new Config(Method.CONSTANT, plan.calibrationFactors().get(i)), seeds);
            }
            for (Method method : gridMethods(plan)) {
                for (double scale : StudyPlan.GRID_SCALES) {
                    if (method.accepts(scale)) {
                        byConfig.put(new Config(method, scale), seeds(plan, task, method, scale,
                                sizes.get(task.name())));
                    }
                }
            }
            runs.put(task, byConfig);
        }
        return new TrainingGrid(plan, runs);
    }

    /** Whether {@code plan} needs the grid: it calibrates fixed methods' defaults or learns a configuration list. */
    static boolean needed(StudyPlan plan) {
        boolean calibrates = plan.defaults() != StudyPlan.Defaults.TEXTBOOK
                && plan.methods().stream().anyMatch(Method::fixed);
        return calibrates || plan.methods().contains(Method.LEARNED_LIST_1)
                || plan.methods().contains(Method.LEARNED_LIST_3);
    }

    /** Every run of the grid. */
    List<TrialJob> jobs() {
        List<TrialJob> jobs = new ArrayList<>();
        runs.values().forEach(byConfig -> byConfig.values().forEach(jobs::addAll));
        return jobs;
    }

    /** Whether the grid has no run: the plan does not need it. */
    boolean isEmpty() {
        return runs.isEmpty();
    }

    /**
     * What the finished grid measured, each training task judged against the target its constant rates set.
     *
     * @param finished reads a finished run back from the store
     */
    GridScores scores(Function<TrialJob, FinishedTrial> finished) {
        List<Config> configs = new ArrayList<>(runs.values().iterator().next().keySet());
        double[][] times = new double[runs.size()][configs.size()];
        double[][] losses = new double[runs.size()][configs.size()];
        int t = 0;
        for (Map.Entry<TaskSpec, Map<Config, List<TrialJob>>> task : runs.entrySet()) {
            Map<Long, List<TrialCurve>> constantBySeed = new TreeMap<>();
            for (Config config : configs) {
                if (config.method() == Method.CONSTANT) {
                    for (TrialJob job : task.getValue().get(config)) {
                        constantBySeed.computeIfAbsent(job.seed(), seed -> new ArrayList<>())
                                .add(finished.apply(job).curve());
                    }
                }
            }
            // A training task's spec target is used as a held-out task's would be; else its constant rates set it.
            Target target = task.getKey().target().isPresent() ? Calibration.given(task.getKey())
                    : Calibration.target(task.getKey().name(), constantBySeed);
            for (int c = 0; c < configs.size(); c++) {
                List<TrialCurve> curves = task.getValue().get(configs.get(c)).stream()
                        .map(job -> finished.apply(job).curve()).toList();
                times[t][c] = Medians.median(curves.stream()
                        .mapToDouble(curve -> TimeToTarget.of(curve, target).steps()).toArray());
                losses[t][c] = Medians.median(curves.stream().mapToDouble(TrialCurve::finalValLoss).toArray());
            }
            t++;
        }
        return new GridScores(configs, times, losses);
    }

    /**
     * The choices for the report: the calibrated scale of every method the plan calibrates, {@code list} by name,
     * and what the grid cost (its trials, their epochs and seconds).
     */
    GridChoices choices(GridScores scores, List<Config> list, Function<TrialJob, FinishedTrial> finished) {
        Map<String, Double> scales = new LinkedHashMap<>();
        if (plan.defaults().calibrated()) {
            plan.methods().stream().filter(Method::fixed)
                    .forEach(method -> scales.put(method.word(), scores.calibratedScale(method)));
        }
        TuningCost cost = TuningCost.ZERO;
        for (TrialJob job : jobs()) {
            FinishedTrial run = finished.apply(job);
            cost = cost.plus(new TuningCost(1, run.curve().epochs().size(), run.seconds()));
        }
        return new GridChoices(scales, list.stream().map(Config::name).toList(), cost);
    }

    /**
     * The fixed methods on the grid besides {@code constant}'s target grid: the plan's, or when the plan evaluates
     * none of them but a learned list, every fixed method, for the list to choose from.
     */
    private static List<Method> gridMethods(StudyPlan plan) {
        List<Method> fixed = plan.methods().stream().filter(Method::fixed).toList();
        return (fixed.isEmpty() ? Arrays.stream(Method.values()).filter(Method::fixed).toList() : fixed).stream()
                .filter(method -> method != Method.CONSTANT).toList();
    }

    private static List<TrialJob> seeds(StudyPlan plan, TaskSpec task, Method method, double scale,
            Integer trainSize) {
        int epochs = plan.epochsOf(task);
        Spec controller = method.controller(task, epochs, scale);
        List<TrialJob> jobs = new ArrayList<>();
        for (long seed : plan.tuningSeeds()) {
            jobs.add(TrialJob.of(plan.name() + "-calibrate", "calibrate", plan.source(task), controller,
                    method.optimizer(task.optimizer()), seed, epochs, trainSize, method.label(task, scale, false)));
        }
        return jobs;
    }

}
