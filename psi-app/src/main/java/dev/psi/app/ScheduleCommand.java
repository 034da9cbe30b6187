package dev.psi.app;

import dev.psi.core.Controllers;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.spec.Spec;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code psi schedule SPEC --steps N [--metrics m0,m1,...]}: the learning rate of a controller at each
 * tick, where one tick is one {@code step()} of the PyTorch scheduler. Line k is the rate in force at
 * tick k; metric k is observed after tick k, as {@code scheduler.step(metric)} after epoch k.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Print the learning rate of a controller spec at each tick, one per line (PyTorch semantics).")
final class ScheduleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "Controller spec, e.g. 'StepLR(lr=0.1,step_size=30)'.")
    private String spec;

    @Option(names = "--steps", required = true, paramLabel = "N", description = "Number of ticks to print.")
    private int steps;

    @Option(names = "--metrics", split = ",", paramLabel = "m0,m1,...",
            description = "Metric observed after each tick (for ReduceLROnPlateau).")
    private List<Double> metrics;

    @Option(names = "--steps-per-epoch", defaultValue = "1", paramLabel = "K",
            description = "Optimizer steps per epoch, for specs written in epochs (default: ${DEFAULT-VALUE}).")
    private int stepsPerEpoch;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    /**
     * The longest schedule printed: 10^8 lines are about 2 GB of text, far beyond any real training run,
     * while a typo of a few extra digits is caught before it fills a disk.
     */
    static final int MAX_STEPS = 100_000_000;

    @Override
    public Integer call() {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("--steps must be in [1, " + MAX_STEPS + "], got " + steps);
        }
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("--steps-per-epoch must be >= 1, got " + stepsPerEpoch);
        }
        double[] observed = metrics == null ? null : metrics.stream().mapToDouble(Double::doubleValue).toArray();
        PrintWriter out = command.commandLine().getOut();
        // Printed as computed: the rates of a long schedule are never held in memory together.
        Controllers.trace(Spec.parse(spec), new ControllerContext(stepsPerEpoch, 0), steps, observed, out::println);
        out.flush();
        return 0;
    }
}
