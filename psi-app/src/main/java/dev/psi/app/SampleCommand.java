package dev.psi.app;

import dev.psi.core.spec.Echo;
import dev.psi.core.spec.Spec;
import dev.psi.lab.surface.SampledTrial;
import dev.psi.lab.surface.SamplingMode;
import dev.psi.lab.surface.SamplingPlan;
import dev.psi.lab.surface.SamplingSummary;
import dev.psi.lab.surface.SurfaceSampler;
import dev.psi.store.ResultStore;
import dev.psi.train.optim.Optimizers;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code psi sample}: samples the surface (task, epoch, α, loss) → convergence with random walks, a
 * constant-rate grid, the greedy oracle or the long-horizon labeller's whole-budget schedules, into a study
 * of the store. Rerunning the same command resumes it.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, resourceBundle = TrainingOptions.BUNDLE,
        description = {"Sample the surface (epoch, alpha, loss) -> convergence into a study of the store.",
            "Modes: random walks in alpha, a grid of constant rates, the oracle's branching search, or the best of "
                + "N whole-budget schedules (long-horizon labels). Every trial "
                + "is stored in the study with one 'surface' row per sampled epoch; rerunning the same command "
                + "skips the trials already done and restarts any that a killed process left running.",
            "Mode options apply to their mode only: walk --sigma --lr-min --lr-max --lr-start; grid --grid; "
                + "oracle --candidates --horizon --objective --lr-start; schedules --count --knots --lr-min --lr-max."})
final class SampleCommand implements Callable<Integer> {

    private static final List<String> MODES = List.of("walk", "grid", "oracle", "schedules");
    private static final String DEFAULT_GRID = "1e-3,3e-3,1e-2,3e-2,0.1,0.3,1";
    private static final String DEFAULT_CANDIDATES = "0.25,0.5,1,2,4";

    @Option(names = "--study", required = true, paramLabel = "NAME",
            description = "The study; rerunning with the same name resumes it.")
    private String study;

    @Option(names = "--tasks", required = true, paramLabel = "T1,T2,...",
            description = "Built-in tasks (see 'psi tasks') or task spec files, comma-separated.")
    private String tasks;

    @Option(names = "--mode", required = true, paramLabel = "MODE", description = "walk, grid, oracle or schedules.")
    private String mode;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "N",
            description = "Trials per task (and grid rate), with seeds 1..N (default: ${DEFAULT-VALUE}).")
    private int seeds;

    @Mixin
    private TrainingOptions training;

    @Option(names = "--sigma", paramLabel = "S",
            description = "walk: standard deviation of one step of ln(alpha) (default: 0.5).")
    private Double sigma;

    @Option(names = "--lr-min", paramLabel = "LR", description = "walk: smallest rate (default: 1e-4); "
            + "schedules: smallest knot rate (default: the optimizer family's default rate / 10).")
    private Double lrMin;

    @Option(names = "--lr-max", paramLabel = "LR", description = "walk: largest rate (default: 3); "
            + "schedules: largest knot rate (default: the optimizer family's default rate x 10).")
    private Double lrMax;

    @Option(names = "--count", paramLabel = "N", description = "schedules: candidate schedules per task and seed, "
            + "each trained for the whole budget (default: " + SamplingMode.Schedules.DEFAULT_COUNT + ").")
    private Integer count;

    @Option(names = "--knots", paramLabel = "K", description = "schedules: knots of each schedule, piecewise linear "
            + "in log(alpha) between them; 1 gives constant rates (default: " + SamplingMode.Schedules.DEFAULT_KNOTS
            + ").")
    private Integer knots;

    @Option(names = "--lr-start", paramLabel = "LR",
            description = "walk: the first epoch's rate; oracle: the rate the first epoch's candidates multiply "
                    + "(default: the optimizer family's default rate, SGD 0.1, Adam 1e-3).")
    private Double lrStart;

    @Option(names = "--grid", paramLabel = "LR,LR,...",
            description = "grid: the constant rates, one trial each (default: " + DEFAULT_GRID + ").")
    private String grid;

    @Option(names = "--candidates", paramLabel = "M,M,...",
            description = "oracle: factors applied to the previous epoch's rate (default: " + DEFAULT_CANDIDATES
                    + ").")
    private String candidates;

    @Option(names = "--horizon", paramLabel = "H",
            description = "oracle: epochs of lookahead per candidate (default: 1).")
    private Integer horizon;

    @Option(names = "--objective", paramLabel = "WHAT",
            description = "oracle: val_loss or train_loss (smoothed) after the lookahead (default: val_loss).")
    private String objective;

    @Mixin
    private ThreadsOption threads;

    @Mixin
    private StoreOption database;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        // Everything the command line can get wrong is checked before the store is opened.
        SamplingPlan plan = plan();
        threads.check();
        PrintWriter err = command.commandLine().getErr();
        PrintWriter out = command.commandLine().getOut();
        try (ResultStore store = Stores.openForWriting(database.location)) {
            threads.apply();
            SamplingSummary summary = new SurfaceSampler(store, trial -> progress(err, trial)).sample(plan);
            summarize(out, summary, store.location());
        }
        return 0;
    }

    private SamplingPlan plan() {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("unknown mode " + Echo.quote(mode) + "; valid: " + String.join(", ", MODES));
        }
        SamplingMode samplingMode = switch (mode) {
            case "walk" -> {
                onlyFor("walk", "--grid", grid, "--candidates", candidates, "--horizon", horizon, "--objective",
                        objective, "--count", count, "--knots", knots);
                yield new SamplingMode.Walk(sigma == null ? 0.5 : sigma, lrMin == null ? 1e-4 : lrMin,
                        lrMax == null ? 3 : lrMax, optional(lrStart));
            }
            case "grid" -> {
                onlyFor("grid", "--sigma", sigma, "--lr-min", lrMin, "--lr-max", lrMax, "--lr-start", lrStart,
                        "--candidates", candidates, "--horizon", horizon, "--objective", objective, "--count", count,
                        "--knots", knots);
                yield new SamplingMode.Grid(numbers("--grid", grid == null ? DEFAULT_GRID : grid));
            }
            case "schedules" -> {
                onlyFor("schedules", "--sigma", sigma, "--lr-start", lrStart, "--grid", grid, "--candidates", candidates,
                        "--horizon", horizon, "--objective", objective);
                yield new SamplingMode.Schedules(count == null ? SamplingMode.Schedules.DEFAULT_COUNT : count,
                        knots == null ? SamplingMode.Schedules.DEFAULT_KNOTS : knots, optional(lrMin), optional(lrMax));
            }
            default -> {
                onlyFor("oracle", "--sigma", sigma, "--lr-min", lrMin, "--lr-max", lrMax, "--grid", grid, "--count",
                        count, "--knots", knots);
                yield new SamplingMode.Oracle(numbers("--candidates", candidates == null ? DEFAULT_CANDIDATES
                        : candidates), horizon == null ? 1 : horizon,
                        SamplingMode.Objective.of(objective == null ? "val_loss" : objective), optional(lrStart));
            }
        };
        List<TaskSpec> taskSpecs = new ArrayList<>();
        for (String name : names("--tasks", tasks)) {
            taskSpecs.add(Tasks.resolve(name));
        }
        Optional<Spec> optimizerSpec = Optional.ofNullable(training.optimizer).map(Spec::parse);
        optimizerSpec.ifPresent(Optimizers::validate);
        return new SamplingPlan(study, taskSpecs, samplingMode, seeds, optional(training.sizes.epochs),
                optional(training.sizes.trainSize), optional(training.sizes.batchSize), optimizerSpec);
    }

    /** Refuses options of another mode: silently ignoring one would sample something other than asked. */
    private static void onlyFor(String mode, Object... optionsAndValues) {
        for (int i = 0; i < optionsAndValues.length; i += 2) {
            if (optionsAndValues[i + 1] != null) {
                throw new IllegalArgumentException(optionsAndValues[i] + " does not apply to --mode " + mode);
            }
        }
    }

    private static List<String> names(String option, String text) {
        List<String> names = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (!part.isBlank()) {
                names.add(part.strip());
            } else if (!text.isBlank()) {
                throw new IllegalArgumentException(option + " has an empty entry: '" + text + "'");
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException(option + " needs at least one value");
        }
        return names;
    }

    private static List<Double> numbers(String option, String text) {
        List<Double> numbers = new ArrayList<>();
        for (String word : names(option, text)) {
            try {
                numbers.add(Double.parseDouble(word));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + word + "' is not a number");
            }
        }
        return numbers;
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static void progress(PrintWriter err, SampledTrial trial) {
        String head = String.format(Locale.ROOT, "[%d/%d] %s %s seed %d: ", trial.index(), trial.total(), trial.task(),
                trial.controller(), trial.seed());
        if (trial.skipped()) {
            err.println(head + "skipped, trial " + trial.trialId() + " is " + trial.status().word());
        } else {
            String restarted = trial.resumed() ? " (resumed from the checkpoint its killed process left)"
                    : trial.interrupted().isPresent()
                    ? " (restarts trial " + trial.interrupted().getAsLong() + ", left running: marked interrupted)"
                    : "";
            String cost = trial.epochsTrained() != trial.epochs()
                    ? ", " + trial.epochsTrained() + " epochs trained in all" : "";
            err.println(head + String.format(Locale.ROOT, "trial %d %s, %d epochs%s, %d surface rows, %.1f s%s",
                    trial.trialId(), trial.status().word(), trial.epochs(), cost, trial.rows(), trial.wallSeconds(),
                    restarted));
        }
        err.flush();
    }

    private void summarize(PrintWriter out, SamplingSummary summary, String location) {
        out.printf(Locale.ROOT, "study %s: %d trials run, %d skipped (already done)%s%n", study, summary.trialsRun(),
                summary.trialsSkipped(), summary.trialsRestarted() == 0 ? ""
                        : ", " + summary.trialsRestarted() + " restarted after an interruption");
        out.printf(Locale.ROOT, "surface rows: %d%n", summary.surfaceRows());
        out.printf(Locale.ROOT, "epochs trained: %d%n", summary.epochsTrained());
        if (summary.oracleEpochs() > 0) {
            out.printf(Locale.ROOT, "%s cost: %d epochs trained for %d trajectory epochs (%.1f per epoch)%n",
                    mode, summary.oracleEpochsTrained(), summary.oracleEpochs(),
                    (double) summary.oracleEpochsTrained() / summary.oracleEpochs());
        }
        out.printf(Locale.ROOT, "stored in %s%n", location);
        out.flush();
    }
}
