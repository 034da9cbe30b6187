package dev.psi.app;

import dev.psi.core.spec.Spec;
import dev.psi.lab.rangetest.RangeTest;
import dev.psi.lab.rangetest.RangeTestResult;
import dev.psi.lab.report.RangeTestPlot;
import dev.psi.store.FileFailures;
import dev.psi.train.data.DataSplit;
import dev.psi.train.engine.TorchRuntime;
import dev.psi.train.optim.Optimizers;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code psi lr-find}: the learning-rate range test of a task ({@link RangeTest}), its curve as a table and an SVG
 * plot, and a suggested rate; nothing is stored.
 */
@Command(name = "lr-find", mixinStandardHelpOptions = true,
        description = "Learning-rate range test (Smith 2017; fastai's lr_find): train from the initial weights with a "
                + "rate growing exponentially step by step, print the smoothed loss, write a plot, and suggest the "
                + "rate where the loss falls fastest. Nothing is stored.")
final class LrFindCommand implements Callable<Integer> {

    @Option(names = "--task", required = true, paramLabel = "TASK",
            description = "Built-in task, generated task name, or task spec file.")
    private String task;

    @Option(names = "--optimizer", paramLabel = "SPEC", description = "Optimizer (default: the task's).")
    private String optimizer;

    @Option(names = "--lr-min", defaultValue = "1e-7", paramLabel = "A", description = "First rate (default: 1e-7).")
    private double lrMin;

    @Option(names = "--lr-max", defaultValue = "10", paramLabel = "A", description = "Last rate (default: 10).")
    private double lrMax;

    @Option(names = "--steps", defaultValue = "100", paramLabel = "N", description = "Optimizer steps (default: 100).")
    private int steps;

    @Option(names = "--train-size", paramLabel = "N", description = "A seeded training subset (default: steps × "
            + "batch size, so that the test is one pass over the data, as fastai's).")
    private Integer trainSize;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed (default: 1).")
    private long seed;

    @Option(names = "--out", defaultValue = "lr-find.svg", paramLabel = "FILE",
            description = "The plot (default: ${DEFAULT-VALUE}).")
    private Path out;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        RangeTest test = new RangeTest(lrMin, lrMax, steps);
        OptionChecks.positive("--train-size", trainSize);
        TaskSpec spec = Tasks.resolve(task);
        Spec chosen = optimizer == null ? spec.optimizer() : Spec.parse(optimizer);
        Optimizers.validate(chosen);
        TorchRuntime.setThreads(1);
        // One pass of `steps` batches: a larger set would train whole epochs past the last rate.
        DataSplit data = spec.load(trainSize == null ? steps * spec.batchSize() : trainSize, seed);
        RangeTestResult result = test.run(spec, chosen, data, seed);
        PrintWriter printer = command.commandLine().getOut();
        printer.printf(Locale.ROOT, "range test of %s with %s: %d steps from %s to %s, %d kept (the curve ends where "
                + "the smoothed loss passes 4 × its minimum)%n", spec.name(), chosen, steps, lrMin, lrMax,
                result.rates().size());
        printer.printf(Locale.ROOT, "%12s %12s%n", "lr", "loss");
        int every = Math.max(1, result.rates().size() / 20);
        for (int k = 0; k < result.rates().size(); k += every) {
            printer.printf(Locale.ROOT, "%12.4g %12.5g%n", result.rates().get(k), result.smoothed().get(k));
        }
        try {
            Files.writeString(out, RangeTestPlot.svg(spec.name(), result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + FileFailures.describe(e), e);
        }
        printer.printf(Locale.ROOT, "minimum of the smoothed loss at lr %.4g%n", result.minimumRate());
        printer.println(Double.isNaN(result.suggested())
                ? "no suggestion: the smoothed loss did not fall between the first tenth of the steps and its minimum; "
                        + "lower --lr-min or give more --steps"
                : String.format(Locale.ROOT, "suggested lr: %.4g (steepest fall of the smoothed loss)",
                        result.suggested()));
        printer.println("plot in " + out.toAbsolutePath());
        printer.flush();
        return 0;
    }
}
