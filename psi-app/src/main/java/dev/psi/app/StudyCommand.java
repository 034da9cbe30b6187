package dev.psi.app;

import dev.psi.core.criteria.TuningCost;
import dev.psi.core.spec.Echo;
import dev.psi.lab.report.StudyReport;
import dev.psi.lab.study.Method;
import dev.psi.lab.study.MethodResult;
import dev.psi.lab.study.Study;
import dev.psi.lab.study.EpochProbe;
import dev.psi.lab.study.StudyOutline;
import dev.psi.lab.study.StudyPlan;
import dev.psi.lab.study.StudyResults;
import dev.psi.lab.surface.SamplingMode;
import dev.psi.lab.work.WorkerExecutor;
import dev.psi.lab.work.WorkerLaunch;
import dev.psi.lab.work.Workers;
import dev.psi.train.task.family.TaskSuites;
import dev.psi.store.ResultStore;
import dev.psi.train.engine.KernelPinning;
import dev.psi.train.engine.RunEnvironment;
import dev.psi.train.engine.TorchRuntime;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code psi study}: the whole pipeline of a study — calibrate targets, sample the surface, fit Ψ,
 * evaluate every method on held-out tasks — its trials run by worker processes ({@code psi worker
 * --attached}, one training thread each) that take them from the store's queue, then the report.
 * Rerunning the same command resumes it.
 */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Run a study: calibrate a target per task, sample the surface on the training tasks with "
                + "the oracle, fit Psi (formula and network), evaluate every method on the held-out tasks over N "
                + "seeds, and write the report to --out. Trials run in --workers worker processes that take them "
                + "from the store's queue; a killed worker costs the epoch it was training. Rerunning the same "
                + "command skips what is done.",
            "Presets: quick (minutes on a laptop), standard (leave-family-out over suite standard, about an hour "
                + "on two cores), full (over suite large, many hours). "
                + "Methods: psi-formula, psi-network, "
                + "psi-epoch-formula, psi-epoch-network, psi-task-formula, psi-task-network, "
                + "psi-relative-formula, psi-relative-network, oracle, "
                + "random-search, successive-halving, pbt, hyperband, genetic-search, algoperf-5, pbt-replay, "
                + "learned-list-1, learned-list-3, constant, step, cosine, warmup-cosine, one-cycle, plateau, "
                + "bold-driver, sps, adam, rmsprop, dog, prodigy, schedule-free-sgd, schedule-free-adamw, "
                + "hypergradient, l4."})
final class StudyCommand implements Callable<Integer> {

    @Option(names = "--preset", defaultValue = "quick", paramLabel = "P",
            description = "quick, standard, full or families (default: ${DEFAULT-VALUE}).")
    private String preset;

    @Option(names = "--tasks", split = ",", paramLabel = "T1,T2",
            description = "Training tasks: built-in or generated names, or spec files (default: the preset's).")
    private List<String> tasks;

    @Option(names = "--holdout", split = ",", paramLabel = "H1,H2",
            description = "Held-out tasks, never seen by the fit: built-in or generated names, or spec files "
                    + "(default: the preset's).")
    private List<String> holdout;

    @Option(names = "--suite", paramLabel = "S", description = "Train and hold out the tasks of a suite (a built-in "
            + "name or a suite file; psi tasks --suite S lists it), split by --holdout-families and "
            + "--holdout-optimizer instead of --tasks and --holdout.")
    private String suite;

    @Option(names = "--holdout-families", split = ",", paramLabel = "F1,F2", description = "With --suite: the "
            + "families held out whole.")
    private List<String> holdoutFamilies;

    @Option(names = "--holdout-optimizer", paramLabel = "O", description = "With --suite: also hold out every task "
            + "that trains with this optimizer, e.g. Adam.")
    private String holdoutOptimizer;

    @Option(names = "--seeds", paramLabel = "N", description = "Evaluation seeds per task and method (default: the "
            + "preset's).")
    private Integer seeds;

    @Option(names = "--methods", split = ",", paramLabel = "M1,M2", description = "Methods to evaluate (default: all).")
    private List<String> methods;

    @Option(names = "--defaults", paramLabel = "D", description = "The fixed methods' defaults: textbook, calibrated "
            + "(each method's scale chosen on the training tasks) or both, as separate rows (default: the preset's, "
            + "both).")
    private String defaults;

    @Option(names = "--labels", paramLabel = "L", description = "What Ψ learns from: long-horizon (the best of 32 "
            + "whole-budget schedules per training task and seed; the presets' choice) or greedy (the greedy "
            + "oracle's one-epoch lookahead).")
    private String labels;

    @Option(names = "--dry-run", description = "Print the plan (tasks by split, jobs and epochs of each kind of work, "
            + "and the time they take, from one short probe trial per task) and run nothing else; the store is not "
            + "opened.")
    private boolean dryRun;

    @Option(names = "--out", defaultValue = "study", paramLabel = "DIR",
            description = "Folder of the report and the fitted models (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "The study's name in the store (default: "
            + "study-PRESET).")
    private String name;

    @Option(names = "--workers", paramLabel = "N", description = "Worker processes, one training thread each "
            + "(default: the number of cores, here ${DEFAULT-VALUE}); 0 trains in this process.")
    private int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--executor", defaultValue = "local", paramLabel = "E", description = "Where the worker processes "
            + "run: local (this machine, --workers of them) or spark (as Spark tasks, --spark-master; --workers of "
            + "them at once, default: the Spark executors' cores). Default: ${DEFAULT-VALUE}.")
    private String executor;

    @Option(names = "--spark-master", paramLabel = "URL", description = "With --executor spark: the Spark master, "
            + "e.g. local[2] or spark://host:7077 (default: spark-submit's --master).")
    private String sparkMaster;

    @Mixin
    private StoreOption database;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        // Everything the command line can get wrong is checked before the store is opened.
        if (!StudyPlan.PRESETS.contains(preset)) {
            throw new IllegalArgumentException("unknown preset " + Echo.quote(preset) + "; valid: "
                    + String.join(", ", StudyPlan.PRESETS));
        }
        StudyPlan plan = StudyPlan.preset(preset, name == null ? "study-" + preset : name);
        if (tasks != null) {
            plan = plan.withTrainingTasks(tasks);
        }
        if (holdout != null) {
            plan = plan.withHeldOutTasks(holdout);
        }
        if (suite != null) {
            if (tasks != null || holdout != null) {
                throw new IllegalArgumentException("--suite splits the suite's tasks itself; give --tasks and "
                        + "--holdout without it");
            }
            if (holdoutFamilies == null && holdoutOptimizer == null) {
                throw new IllegalArgumentException("--suite needs --holdout-families or --holdout-optimizer to say "
                        + "which tasks are held out");
            }
            plan = plan.withSuite(TaskSuites.resolve(suite), Set.copyOf(holdoutFamilies == null ? List.of()
                    : holdoutFamilies.stream().map(String::strip).toList()), Optional.ofNullable(holdoutOptimizer));
        } else if (holdoutFamilies != null || holdoutOptimizer != null) {
            throw new IllegalArgumentException("--holdout-families and --holdout-optimizer split a --suite; give one");
        }
        if (seeds != null) {
            plan = plan.withSeeds(seeds);
        }
        if (workers < 0) {
            throw new IllegalArgumentException("--workers must be >= 0, got " + workers);
        }
        Optional<WorkerExecutor> elsewhere = checkExecutor();
        if (methods != null) {
            plan = plan.withMethods(methods.stream().map(Method::of).toList());
        }
        if (defaults != null) {
            plan = plan.withDefaults(StudyPlan.Defaults.of(defaults));
        }
        if (labels != null) {
            plan = plan.withLongHorizon(switch (labels.strip()) {
                case "long-horizon" -> Optional.of(SamplingMode.Schedules.defaults());
                case "greedy" -> Optional.empty();
                default -> throw new IllegalArgumentException("unknown labels " + Echo.quote(labels)
                        + "; valid: long-horizon, greedy");
            });
        }
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        if (dryRun) {
            TorchRuntime.setThreads(1);
            StudyOutline outline = StudyOutline.of(plan);
            Map<String, Double> seconds = EpochProbe.secondsPerEpoch(plan);
            out.printf(Locale.ROOT, "study %s (%s), dry run: seconds per epoch measured by a %s%n", plan.name(),
                    plan.preset(), "2-epoch probe trial per task here: " + seconds);
            out.print(outline.describe(task -> seconds.getOrDefault(task, Double.NaN), workers));
            out.flush();
            return 0;
        }
        Workers.Listener progress = line -> {
            err.println(line);
            err.flush();
        };
        try (ResultStore store = Stores.openForWriting(database.location);
                Workers pool = elsewhere.isPresent() ? Workers.external(store, elsewhere.get().pool(
                        sparkLaunch(plan.name()), progress), progress)
                        : workers == 0 ? Workers.inProcess(store, progress)
                        : Workers.processes(store, workers, workerCommand(plan.name()),
                                workerEnvironment(), this.out.resolve("workers"), progress)) {
            TorchRuntime.setThreads(1);
            StudyResults results = new Study(store, this.out, pool, progress).run(plan);
            // results.json records the pinning the trials ran with: this process's, or its workers'.
            Map<String, String> trials = new LinkedHashMap<>(System.getenv());
            if (workers > 0) {
                trials.putAll(KernelPinning.forChild(System.getenv()));
            }
            String verdict = StudyReport.write(results, this.out, RunEnvironment.current(1, workers, trials));
            summarize(out, results, verdict, store.location());
        }
        return 0;
    }

    /**
     * Checks {@code --executor} and the options that go with it, before anything is opened.
     *
     * @return the executor the workers run on (Spark), or empty for this machine's processes
     */
    private Optional<WorkerExecutor> checkExecutor() {
        String word = executor.strip();
        if (word.equals("local")) {
            if (sparkMaster != null) {
                throw new IllegalArgumentException("--spark-master goes with --executor spark");
            }
            return Optional.empty();
        }
        if (!word.equals("spark")) {
            throw new IllegalArgumentException("unknown executor " + Echo.quote(executor) + "; valid: local, spark");
        }
        if (command.commandLine().getParseResult().hasMatchedOption("--workers") && workers == 0) {
            throw new IllegalArgumentException("--workers 0 trains in this process; with --executor spark give the "
                    + "number of Spark tasks at once (>= 1), or leave it out for the executors' cores");
        }
        String master = sparkMaster != null ? sparkMaster.strip() : System.getProperty("spark.master", "");
        if (master.isEmpty()) {
            throw new IllegalArgumentException("--executor spark needs --spark-master URL (e.g. local[2] or "
                    + "spark://host:7077), unless spark-submit --master gives it");
        }
        if (!master.startsWith("local") && !database.location.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("Spark master " + master + " runs workers on other machines, which "
                    + "reach the store over the network: give --db jdbc:postgresql://HOST/DB (a SQLite file is for "
                    + "one machine, e.g. --spark-master local[2])");
        }
        return Optional.of(WorkerExecutor.named(word));
    }

    /**
     * The workers of {@code --executor spark}: {@code psi worker --attached} for this study, as
     * {@link #workerCommand} starts them, that also stop after 5 s without a queued job, which ends their Spark
     * task; the study starts new tasks when it queues more.
     */
    private WorkerLaunch sparkLaunch(String study) {
        int slots = command.commandLine().getParseResult().hasMatchedOption("--workers") ? workers : 0;
        Optional<String> master = Optional.ofNullable(sparkMaster).map(String::strip);
        // On a cluster the executors' workers run on other machines, maybe as another user: this machine's home
        // folders (Psi's, DJL's caches) are not theirs, and each worker's launcher-less JVM uses its own defaults.
        List<String> options = master.filter(url -> !url.startsWith("local")).isPresent()
                ? javaOptions().stream().filter(option -> MACHINE_PATHS.stream().noneMatch(option::startsWith)).toList()
                : javaOptions();
        return new WorkerLaunch(study, slots, master, options,
                System.getProperty("java.class.path"), List.of(Psi.class.getName(), "worker", "--study", study,
                        "--attached", "--linger", "5"), workerEnvironment(), this.out.resolve("workers"));
    }

    /**
     * The variables a worker gets on top of this process's environment (which it inherits): the database, and
     * the kernel pins this process lacks, so that the trials are pinned even when this process was not started
     * by the launcher (it warned then; with {@code --workers 0} its own trials are not).
     */
    private Map<String, String> workerEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>(KernelPinning.forChild(System.getenv()));
        environment.put(StoreOption.ENVIRONMENT, database.location);
        return environment;
    }

    /**
     * {@code psi worker --attached} for this study, run by this JVM's java with its class path, system properties
     * (the launcher's offline DJL settings among them), heap limit and JIT tier (the launcher's C1-only choice);
     * the database comes by environment.
     */
    private List<String> workerCommand(String study) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaOptions());
        // The database goes by environment (StoreOption.ENVIRONMENT): a PostgreSQL URL may hold a password.
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Psi.class.getName(), "worker",
                "--study", study, "--attached"));
        return command;
    }

    /** The system properties that name folders of this machine, not forwarded to a cluster's workers. */
    private static final List<String> MACHINE_PATHS = List.of("-Dpsi.home=", "-DDJL_CACHE_DIR=", "-DENGINE_CACHE_DIR=");

    /** This JVM's system properties, heap limit and JIT tier, for its workers. */
    private static List<String> javaOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-D") || argument.startsWith("-Xmx")
                        || argument.startsWith("-XX:TieredStopAtLevel="))
                .toList();
    }

    private void summarize(PrintWriter out, StudyResults results, String verdict, String location) {
        out.printf(Locale.ROOT, "study %s (%s): trained on %s, held out %s, %.1f s%n", results.name(), results.preset(),
                String.join(",", results.trainingTasks()), String.join(",", results.heldOutTasks()),
                results.wallSeconds());
        // The targets map has no order: list them as the held-out tasks were named.
        for (String task : results.heldOutTasks()) {
            out.printf(Locale.ROOT, "target %s: %s %.4g%n", task, results.targets().get(task).metric().word(),
                    results.targets().get(task).value());
        }
        TuningCost psi = results.psiCost();
        out.printf(Locale.ROOT, "psi cost: %d trials, %d epochs, %.1f s%n", psi.trials(), psi.epochs(), psi.seconds());
        out.printf(Locale.ROOT, "%-16s %-50s %8s %10s %9s %10s %s%n", "task", "method", "reached", "med.steps",
                "best acc", "final loss", "tuning (trials/epochs/s)");
        for (MethodResult r : results.results()) {
            out.printf(Locale.ROOT, "%-16s %-50s %4d/%-3d %10s %9s %10s %d/%d/%.1f%n", r.task(), r.method(),
                    r.reliability().successes(), r.reliability().trials(),
                    Double.isInfinite(r.medianStepsToTarget()) ? "never" : String.format(Locale.ROOT, "%.0f",
                            r.medianStepsToTarget()),
                    number("%.4f", r.bestValAccuracy()), number("%.4g", r.finalValLoss()), r.tuning().trials(),
                    r.tuning().epochs(), r.tuning().seconds());
        }
        out.println("verdict: " + verdict);
        out.printf(Locale.ROOT, "report in %s; stored as study %s in %s%n", this.out.toAbsolutePath(), results.name(),
                location);
        out.flush();
    }

    /** A measured value, or {@code -} where there is none (accuracy of a regression task, a loss of ∞). */
    private static String number(String format, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
    }
}
