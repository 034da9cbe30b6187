package dev.psi.app;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import dev.psi.train.data.DataSplit;
import dev.psi.train.engine.KernelPinning;
import dev.psi.train.engine.TorchRuntime;
import dev.psi.train.engine.Trial;
import dev.psi.train.engine.TrialListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code psi bench}: best seconds per epoch of each {@link BenchCase} at each requested thread count, and with
 * {@code --compare} the same cases trained by PyTorch from Python ({@link PythonReference}) in the same command,
 * followed by the ratios. Side by side in one command because this machine's timings drift by tens of percent
 * between runs (other builds share the cores): only figures taken together compare.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure seconds per epoch of the reference task (fmnist-mlp, batch 128, SGD lr 0.1) and of a "
                + "small task (2000 x 64, MLP 64-64-10, batch 16, SGD momentum); --compare runs PyTorch from Python "
                + "beside it.")
final class BenchCommand implements Callable<Integer> {

    /**
     * Clock of the training thread's CPU time. With one intra-op thread every kernel runs on it, so its seconds
     * per epoch barely move when other processes share the cores, unlike wall seconds: the figure to compare
     * two builds with on a busy machine.
     */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Option(names = "--epochs", defaultValue = "3", paramLabel = "N",
            description = "Epochs per case and thread count; the fastest is reported (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--threads", defaultValue = "1,2", split = ",", paramLabel = "N,...",
            description = "Intra-op thread counts to measure (default: ${DEFAULT-VALUE}).")
    private List<Integer> threads;

    @Option(names = "--case", defaultValue = "reference,small", split = ",", paramLabel = "CASE,...",
            description = "Workloads: reference, small (default: ${DEFAULT-VALUE}).")
    private List<String> cases;

    @Option(names = "--train-size", defaultValue = "0", paramLabel = "N",
            description = "Train on the first N training examples of each case (default: all).")
    private int trainSize;

    @Option(names = "--compare",
            description = "Also run tools/bench/pytorch_reference.py with --python and print PyTorch's time divided "
                    + "by Psi's per case and thread count, wall and CPU (skipped, with a note, when that Python lacks "
                    + "torch).")
    private boolean compare;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "N",
            description = "Measure N times, alternating Psi and (with --compare) PyTorch, then print each ratio's "
                    + "range and median over the rounds (PyTorch first in every other round): on a machine whose "
                    + "speed drifts, one pair of runs is not a ratio (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--python", defaultValue = PythonReference.DEFAULT_PYTHON, paramLabel = "PATH",
            description = "The Python with PyTorch that --compare runs (default: ${DEFAULT-VALUE}).")
    private String python;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        // Every option is checked before the header is printed or the data loaded.
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        if (trainSize < 0) {
            throw new IllegalArgumentException("--train-size must be >= 0, got " + trainSize);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
        }
        OptionChecks.threads(threads, command.commandLine());
        List<BenchCase> workloads = BenchCase.parse(cases);
        PrintWriter out = command.commandLine().getOut();
        out.printf(Locale.ROOT, "psi (DJL 0.36 + PyTorch 2.7.1), kernels %s%n", pinning(System.getenv()));
        String skipped = null;
        PythonReference reference = null;
        if (compare && trainSize != 0) {
            skipped = "it trains whole cases, not --train-size subsets";
        } else if (compare) {
            try {
                reference = PythonReference.find(python);
            } catch (PythonReference.Unavailable e) {
                skipped = e.getMessage();
            }
        }
        List<BenchComparison.Round> compared = new ArrayList<>();
        UncheckedIOException failed = null;
        for (int round = 1; round <= rounds && failed == null; round++) {
            if (rounds > 1) {
                out.printf(Locale.ROOT, "round %d of %d%n", round, rounds);
            }
            try {
                measureRound(round, workloads, reference, out).ifPresent(compared::add);
            } catch (IOException e) {
                // The rounds measured so far are still summarized, then the command fails with the reason.
                failed = new UncheckedIOException("the PyTorch reference failed in round " + round + ": "
                        + e.getMessage(), e);
            }
            out.flush();
        }
        if (skipped != null) {
            out.println("PyTorch reference skipped: " + skipped);
        }
        if (compared.size() > 1) {
            out.print(BenchComparison.summary(compared));
        }
        out.flush();
        if (failed != null) {
            throw failed;
        }
        return 0;
    }

    /**
     * One round: every case in Psi and, with a {@code reference}, in PyTorch, which goes first in every other round,
     * so that a machine speeding up or slowing down over the rounds favours neither side; their comparison, if any.
     */
    private Optional<BenchComparison.Round> measureRound(int round, List<BenchCase> workloads,
            PythonReference reference, PrintWriter out) throws IOException {
        Map<String, Map<Integer, BenchComparison.Figure>> torch = null;
        if (reference != null && round % 2 == 0) {
            torch = reference.run(workloads, epochs, threads, out);
        }
        Map<String, Map<Integer, BenchComparison.Figure>> psi = new LinkedHashMap<>();
        for (BenchCase workload : workloads) {
            psi.put(workload.word(), measure(workload, out));
        }
        if (reference == null) {
            return Optional.empty();
        }
        if (torch == null) {
            torch = reference.run(workloads, epochs, threads, out);
        }
        out.print(BenchComparison.table(psi, torch));
        return Optional.of(new BenchComparison.Round(psi, torch));
    }

    /** How this process's kernels are chosen, in words for the header. */
    static String pinning(Map<String, String> environment) {
        if (!KernelPinning.enabled(environment)) {
            return "not pinned (" + KernelPinning.OPT_OUT + "=0)";
        }
        return KernelPinning.missing(environment).isEmpty() ? "pinned to AVX2"
                : "not pinned (" + String.join(", ", KernelPinning.missing(environment)) + " unset)";
    }

    /**
     * Trains the case once per thread count; prints and returns the best epoch's wall and CPU seconds per thread
     * count.
     */
    private Map<Integer, BenchComparison.Figure> measure(BenchCase workload, PrintWriter out) {
        DataSplit data = workload.data(trainSize);
        out.printf(Locale.ROOT, "case=%s: %s%n", workload.word(), workload.describe(data.train().count()));
        Map<Integer, BenchComparison.Figure> best = new LinkedHashMap<>();
        for (int count : threads) {
            TorchRuntime.setThreads(count);
            try (Trial trial = Trial.create(workload.config(epochs), data)) {
                List<EpochResult> results = new ArrayList<>();
                double cpu = Double.POSITIVE_INFINITY;
                while (trial.status() == TrialStatus.RUNNING) {
                    long before = THREADS.getCurrentThreadCpuTime();
                    results.add(trial.trainEpoch(TrialListener.NONE));
                    cpu = Math.min(cpu, (THREADS.getCurrentThreadCpuTime() - before) / 1e9);
                }
                double min = results.stream().mapToDouble(EpochResult::wallSeconds).min().orElse(Double.NaN);
                StringBuilder all = new StringBuilder();
                for (EpochResult result : results) {
                    all.append(all.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f",
                            result.wallSeconds()));
                }
                out.printf(Locale.ROOT, "case=%s threads=%d seconds/epoch min=%.4f all=[%s] examples/s=%.0f "
                        + "val_acc=%.4f cpu_seconds/epoch min=%.4f%n", workload.word(), count, min, all,
                        data.train().count() / min, results.get(results.size() - 1).valAccuracy(), cpu);
                out.flush();
                best.put(count, new BenchComparison.Figure(min, cpu));
            }
        }
        return best;
    }
}
