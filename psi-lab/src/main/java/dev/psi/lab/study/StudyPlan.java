package dev.psi.lab.study;

import dev.psi.core.spec.Echo;
import dev.psi.lab.surface.SamplingMode;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import dev.psi.train.task.family.TaskFamilies;
import dev.psi.train.task.family.TaskSuite;
import dev.psi.train.task.family.TaskSuites;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * What a study trains: which tasks Ψ learns from and which judge it, how many seeds, how long and on how
 * much data, how the surface is sampled and how large the searches are. Every trial of every method uses
 * the same epoch budget and training size, so the methods compare on equal terms.
 *
 * @param name the study's name; the store keeps its trials under it (and under {@code NAME-calibrate},
 *     {@code NAME-sample}, {@code NAME-labels}, {@code NAME-search}, {@code NAME-pbt}, {@code NAME-oracle}), and
 *     rerunning it resumes
 * @param preset the preset it started from
 * @param trainingTasks the tasks the surface is sampled on and Ψ fitted to
 * @param heldOutTasks the tasks every method is evaluated on; none of them is a training task
 * @param seeds evaluation seeds per task and method: {@value #EVALUATION_SEEDS_FROM}, ... ({@link #evaluationSeeds})
 * @param epochs the epoch budget of every trial, or empty for each task's own
 * @param trainSize a seeded training subset of this many examples (all of a task that has fewer), or empty
 *     for all
 * @param calibrationFactors the constant rates of the calibration grid, as multiples of the task
 *     optimizer's standard rate; each is trained on every {@link #tuningSeeds() tuning seed}
 * @param oracle how the surface is sampled on the training tasks, and the oracle method on held-out ones
 * @param samplingSeeds oracle trajectories per training task, seeds {@value #SAMPLING_SEEDS_FROM}, ...
 *     ({@link #samplingSeedList})
 * @param searchTrials the points each search may start on each held-out task, each trained on both tuning
 *     seeds; PBT's population is {@link #pbtPopulation()}
 * @param methods the methods evaluated, each once
 * @param defaults whether the fixed methods run at their textbook defaults, at the scale calibrated on the
 *     training tasks ({@link TrainingGrid}), or both, as separate rows
 * @param longHorizon when present, Ψ learns from long-horizon labels: on every training task and sampling seed the
 *     best of this many whole-budget schedules ({@link SamplingMode.Schedules}, stored in {@code NAME-labels}),
 *     which are free of the greedy oracle's short-horizon bias (Wu et al. 2018); the greedy oracle's trajectories
 *     are sampled as well, shown beside them on the surface, and remain the labels when this is empty
 * @param specFiles the source of each task read from a spec file, by task name: the spec file's absolute path
 *     (with {@code #settings} for a suite's task with other settings), or, once the study has stored the spec and
 *     its data in the store, a reference to them there ({@code store:HASH/FILE}, see
 *     {@link dev.psi.lab.work.StoredFiles}); every other task is a built-in or generated one. Worker processes
 *     find the tasks by these names and sources.
 */
public record StudyPlan(
        String name,
        String preset,
        List<TaskSpec> trainingTasks,
        List<TaskSpec> heldOutTasks,
        int seeds,
        OptionalInt epochs,
        OptionalInt trainSize,
        List<Double> calibrationFactors,
        SamplingMode.Oracle oracle,
        int samplingSeeds,
        int searchTrials,
        List<Method> methods,
        Defaults defaults,
        Optional<SamplingMode.Schedules> longHorizon,
        Map<String, String> specFiles) {

    /** Which defaults the fixed methods run with. */
    public enum Defaults {
        /** Each method's textbook default: the optimizer's standard rate, the reference's constants. */
        TEXTBOOK,
        /** The scale of each method's knob chosen on the training tasks, as Ψ learns from them. */
        CALIBRATED,
        /** Both, as separate rows. */
        BOTH;

        /** The option's word, e.g. {@code both}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The defaults called {@code word}.
         *
         * @throws IllegalArgumentException naming the valid words
         */
        public static Defaults of(String word) {
            for (Defaults defaults : values()) {
                if (defaults.word().equals(word.strip().toLowerCase(Locale.ROOT))) {
                    return defaults;
                }
            }
            throw new IllegalArgumentException("unknown defaults " + Echo.quote(word) + "; valid: textbook, "
                    + "calibrated, both");
        }

        boolean textbook() {
            return this != CALIBRATED;
        }

        boolean calibrated() {
            return this != TEXTBOOK;
        }
    }

    /** The presets by name. */
    public static final List<String> PRESETS = List.of("quick", "standard", "full");
    /** The family the standard and full presets hold out whole. */
    static final String HELD_OUT_FAMILY = "spirals";
    /** The full preset also holds out every task that trains with this optimizer, a whole setting. */
    static final String FULL_HELD_OUT_OPTIMIZER = "Adam";

    /*
     * The seeds of the three kinds of runs lie in ranges that never meet: what Ψ learned from (sampling), what
     * set the targets and the searches' choices (tuning) and what judges the methods (evaluation). A seed fixes a
     * trial's training subset, initialization and batch order, so no evaluation run sees the examples in the order
     * of any run that chose something.
     */
    /** The first seed of the surface's oracle trajectories on the training tasks. */
    public static final long SAMPLING_SEEDS_FROM = 1;
    /** The first seed of calibration and search trials. */
    public static final long TUNING_SEEDS_FROM = 501;
    /** The first seed of evaluation trials, of every method (the oracle's own trajectories included). */
    public static final long EVALUATION_SEEDS_FROM = 1001;
    /** Seeds of the calibration grid: the target is the median over them of the grid's best. */
    public static final int CALIBRATION_SEEDS = 2;
    /** The smallest PBT population of any plan. */
    static final int MIN_POPULATION = 8;
    /**
     * The calibration grid of every preset: 7 constant rates log-spaced over 3 decades around the optimizer's
     * standard rate, 10^−1.5 ... 10^1.5 times it.
     */
    static final List<Double> CALIBRATION_GRID = List.of(0.0316228, 0.1, 0.316228, 1.0, 3.16228, 10.0, 31.6228);
    /**
     * The scales of the training grid ({@link TrainingGrid}) for every fixed method but {@code constant} (which
     * runs the calibration grid): 5 points over 2 decades around the textbook value, 10^−1 ... 10^1 times it.
     */
    static final List<Double> GRID_SCALES = List.of(0.1, 0.316228, 1.0, 3.16228, 10.0);
    /**
     * Every preset's long-horizon labeller: the best of {@value SamplingMode.Schedules#DEFAULT_COUNT} whole-budget
     * schedules of {@value SamplingMode.Schedules#DEFAULT_KNOTS} knots, α from the optimizer's standard rate / 10
     * to × 10.
     */
    static final Optional<SamplingMode.Schedules> LONG_HORIZON = Optional.of(SamplingMode.Schedules.defaults());

    public StudyPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(trainSize, "trainSize");
        Objects.requireNonNull(oracle, "oracle");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(longHorizon, "longHorizon");
        trainingTasks = List.copyOf(trainingTasks);
        heldOutTasks = List.copyOf(heldOutTasks);
        calibrationFactors = List.copyOf(calibrationFactors);
        methods = List.copyOf(methods);
        specFiles = Map.copyOf(specFiles);
        if (name.isBlank()) {
            throw new IllegalArgumentException("--name needs a name");
        }
        if (trainingTasks.isEmpty() || heldOutTasks.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one training task (--tasks) and one held-out "
                    + "task (--holdout)");
        }
        List<String> names = new ArrayList<>();
        trainingTasks.forEach(task -> names.add(task.name()));
        heldOutTasks.forEach(task -> names.add(task.name()));
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("--tasks and --holdout must name different tasks, each once: " + names);
        }
        for (String task : names) {
            if (!specFiles.containsKey(task) && !Tasks.isBuiltIn(task) && TaskFamilies.resolve(task).isEmpty()) {
                throw new IllegalArgumentException("task " + task + " is neither built in, generated by a family, nor "
                        + "read from a spec file");
            }
        }
        if (seeds < 1 || samplingSeeds < 1 || searchTrials < 1) {
            throw new IllegalArgumentException("--seeds, sampling seeds and search trials must be >= 1, got " + seeds
                    + ", " + samplingSeeds + " and " + searchTrials);
        }
        if (samplingSeeds > TUNING_SEEDS_FROM - SAMPLING_SEEDS_FROM) {
            throw new IllegalArgumentException("at most " + (TUNING_SEEDS_FROM - SAMPLING_SEEDS_FROM)
                    + " sampling seeds, so that they stay apart from the tuning seeds; got " + samplingSeeds);
        }
        if (epochs.isPresent() && epochs.getAsInt() < 1 || trainSize.isPresent() && trainSize.getAsInt() < 1) {
            throw new IllegalArgumentException("epochs and train size must be >= 1");
        }
        if (calibrationFactors.isEmpty() || calibrationFactors.stream().anyMatch(f -> !(f > 0) || f.isInfinite())) {
            throw new IllegalArgumentException("the calibration grid needs positive, finite factors, got "
                    + calibrationFactors);
        }
        if (methods.isEmpty() || methods.stream().distinct().count() != methods.size()) {
            throw new IllegalArgumentException("--methods must name at least one method, each once; valid: "
                    + String.join(", ", Method.words()));
        }
    }

    /**
     * The plan of a preset:
     * <ul>
     *   <li>{@code quick} — Ψ learns from {@code fmnist-linear} and {@code teacher-student} and is judged on
     *       {@code fmnist-mlp} and {@code noisy-quadratic}; 5 seeds, 6 epochs on 5000 training examples;
     *       3 oracle trajectories (3 candidates, 1 epoch of lookahead) per training task; searches of 8 points
     *       (each on both tuning seeds), PBT populations of 8; every method, the fixed ones at the scale calibrated
     *       on the training tasks only. A smoke test, sized for minutes on two cores.
     *   <li>{@code standard} — leave-family-out over task suite {@code standard} ({@link #withSuite}): its 30
     *       tasks of four families (Fashion-MNIST, teacher–student, noisy quadratics, Gaussian mixtures) train Ψ and
     *       its 10 spirals, a family Ψ never sees, are held out; each task at its own epoch budget on all its
     *       examples; 10 seeds, 3 oracle trajectories of 5 candidates, searches of 20 points, PBT populations of
     *       20, the fixed methods calibrated. Sized for an hour on two cores.
     *   <li>{@code full} — the same over the 56 tasks of suite {@code large}, with every task that trains with
     *       Adam held out too (a whole setting); 20 seeds, 5 oracle trajectories of 5 candidates with 2 epochs of
     *       lookahead, searches of 32 points, PBT populations of 32; the fixed methods both at their textbook
     *       defaults and calibrated.
     * </ul>
     * Every preset learns Ψ from the long-horizon labeller ({@link #LONG_HORIZON}).
     * Every preset calibrates its held-out tasks' targets on the {@link #CALIBRATION_GRID}.
     *
     * @throws IllegalArgumentException naming the valid presets
     */
    public static StudyPlan preset(String preset, String name) {
        List<Method> all = List.of(Method.values());
        return switch (preset) {
            case "quick" -> new StudyPlan(name, preset, tasks("fmnist-linear", "teacher-student"),
                    tasks("fmnist-mlp", "noisy-quadratic"), 5, OptionalInt.of(6), OptionalInt.of(5000),
                    CALIBRATION_GRID, oracle(List.of(0.5, 1.0, 2.0), 1), 3, 8, all, Defaults.CALIBRATED, LONG_HORIZON, Map.of());
            case "standard" -> {
                SuiteSplit split = SuiteSplit.of(TaskSuites.resolve("standard"), Set.of(HELD_OUT_FAMILY),
                        Optional.empty());
                yield new StudyPlan(name, preset, split.training(), split.heldOut(), 10, OptionalInt.empty(),
                        OptionalInt.empty(), CALIBRATION_GRID, oracle(List.of(0.5, 0.7, 1.0, 1.4, 2.0), 1), 3, 20, all,
                        Defaults.CALIBRATED, LONG_HORIZON, split.sources());
            }
            case "full" -> {
                SuiteSplit split = SuiteSplit.of(TaskSuites.resolve("large"), Set.of(HELD_OUT_FAMILY),
                        Optional.of(FULL_HELD_OUT_OPTIMIZER));
                yield new StudyPlan(name, preset, split.training(), split.heldOut(), 20, OptionalInt.empty(),
                        OptionalInt.empty(), CALIBRATION_GRID, oracle(List.of(0.5, 0.7, 1.0, 1.4, 2.0), 2), 5, 32, all,
                        Defaults.BOTH, LONG_HORIZON, split.sources());
            }
            default -> throw new IllegalArgumentException("unknown preset " + Echo.quote(preset) + "; valid: "
                    + String.join(", ", PRESETS));
        };
    }

    /**
     * This plan over the tasks of {@code suite}, split by whole families rather than single tasks, so that Ψ is
     * judged on kinds of task it never saw: the tasks of {@code heldOutFamilies}, and of every family those that
     * train with the optimizer {@code heldOutOptimizer} (a whole setting), are held out; the others train Ψ. Every
     * task trains at its own epoch budget on all its examples (a suite's tasks are sized to be cheap).
     *
     * @throws IllegalArgumentException naming the suite's families when a held-out family is not among them, or
     *     when either side of the split is empty
     */
    public StudyPlan withSuite(TaskSuite suite, Set<String> heldOutFamilies, Optional<String> heldOutOptimizer) {
        SuiteSplit split = SuiteSplit.of(suite, heldOutFamilies, heldOutOptimizer);
        return new StudyPlan(name, preset, split.training(), split.heldOut(), seeds, OptionalInt.empty(),
                OptionalInt.empty(), calibrationFactors, oracle, samplingSeeds, searchTrials, methods, defaults,
                longHorizon, split.sources());
    }

    /** This plan with other training tasks: built-in names or task spec files ({@link Tasks#resolve}). */
    public StudyPlan withTrainingTasks(List<String> namesOrPaths) {
        return new StudyPlan(name, preset, resolve(namesOrPaths), heldOutTasks, seeds, epochs, trainSize,
                calibrationFactors, oracle, samplingSeeds, searchTrials, methods, defaults,
                longHorizon, specFiles(namesOrPaths, heldOutTasks));
    }

    /** This plan with other held-out tasks: built-in names or task spec files ({@link Tasks#resolve}). */
    public StudyPlan withHeldOutTasks(List<String> namesOrPaths) {
        return new StudyPlan(name, preset, trainingTasks, resolve(namesOrPaths), seeds, epochs, trainSize,
                calibrationFactors, oracle, samplingSeeds, searchTrials, methods, defaults,
                longHorizon, specFiles(namesOrPaths, trainingTasks));
    }

    /** This plan with another number of evaluation seeds. */
    public StudyPlan withSeeds(int count) {
        return new StudyPlan(name, preset, trainingTasks, heldOutTasks, count, epochs, trainSize, calibrationFactors,
                oracle, samplingSeeds, searchTrials, methods, defaults, longHorizon, specFiles);
    }

    /** This plan with other methods. */
    public StudyPlan withMethods(List<Method> chosen) {
        return new StudyPlan(name, preset, trainingTasks, heldOutTasks, seeds, epochs, trainSize, calibrationFactors,
                oracle, samplingSeeds, searchTrials, chosen, defaults, longHorizon, specFiles);
    }

    /** This plan with the fixed methods at other defaults. */
    public StudyPlan withDefaults(Defaults chosen) {
        return new StudyPlan(name, preset, trainingTasks, heldOutTasks, seeds, epochs, trainSize, calibrationFactors,
                oracle, samplingSeeds, searchTrials, methods, chosen, longHorizon, specFiles);
    }

    /** This plan with other labels for Ψ: long-horizon ones from {@code schedules}, or when empty the greedy oracle's. */
    public StudyPlan withLongHorizon(Optional<SamplingMode.Schedules> schedules) {
        return new StudyPlan(name, preset, trainingTasks, heldOutTasks, seeds, epochs, trainSize, calibrationFactors,
                oracle, samplingSeeds, searchTrials, methods, defaults, schedules, specFiles);
    }

    /** The seeds of the oracle trajectories on each training task. */
    public List<Long> samplingSeedList() {
        return range(SAMPLING_SEEDS_FROM, samplingSeeds);
    }

    /** The seeds of the calibration grid; every point of a search is trained on each of them. */
    public List<Long> tuningSeeds() {
        return range(TUNING_SEEDS_FROM, CALIBRATION_SEEDS);
    }

    /** PBT's population, in both its rows: the search budget, at least {@value #MIN_POPULATION}. */
    public int pbtPopulation() {
        return Math.max(MIN_POPULATION, searchTrials);
    }

    /** The seeds every method is evaluated on, on every held-out task. */
    public List<Long> evaluationSeeds() {
        return range(EVALUATION_SEEDS_FROM, seeds);
    }

    private static List<Long> range(long from, int count) {
        return LongStream.range(from, from + count).boxed().toList();
    }

    /** The epoch budget of a trial of {@code task}. */
    int epochsOf(TaskSpec task) {
        return epochs.orElse(task.epochs());
    }

    /** This plan with its spec-file tasks found through other sources (by task name), such as stored copies. */
    StudyPlan withSpecFiles(Map<String, String> sources) {
        return new StudyPlan(name, preset, trainingTasks, heldOutTasks, seeds, epochs, trainSize, calibrationFactors,
                oracle, samplingSeeds, searchTrials, methods, defaults, longHorizon, sources);
    }

    /**
     * How a worker process finds {@code task} ({@link dev.psi.lab.work.StoredFiles#task}): its spec file or the
     * stored copy of it, or its built-in or generated name.
     */
    String source(TaskSpec task) {
        return specFiles.getOrDefault(task.name(), task.name());
    }

    private static List<TaskSpec> resolve(List<String> namesOrPaths) {
        return namesOrPaths.stream().map(task -> Tasks.resolve(task.strip())).toList();
    }

    /** The spec files of {@code namesOrPaths}, and those of {@code kept} already in this plan. */
    private Map<String, String> specFiles(List<String> namesOrPaths, List<TaskSpec> kept) {
        Map<String, String> files = new HashMap<>();
        for (TaskSpec task : kept) {
            if (specFiles.containsKey(task.name())) {
                files.put(task.name(), specFiles.get(task.name()));
            }
        }
        for (String task : namesOrPaths) {
            // A built-in or generated task travels by its name; only a spec file needs its absolute path.
            if (Tasks.isSpecSource(task.strip())) {
                files.put(Tasks.resolve(task.strip()).name(),
                        Path.of(task.strip()).toAbsolutePath().normalize().toString());
            }
        }
        return files;
    }

    private static SamplingMode.Oracle oracle(List<Double> candidates, int horizon) {
        return new SamplingMode.Oracle(candidates, horizon, SamplingMode.Objective.VAL_LOSS, OptionalDouble.empty());
    }

    private static List<TaskSpec> tasks(String... names) {
        List<TaskSpec> tasks = new ArrayList<>();
        for (String name : names) {
            tasks.add(Tasks.builtIn(name));
        }
        return tasks;
    }
}
