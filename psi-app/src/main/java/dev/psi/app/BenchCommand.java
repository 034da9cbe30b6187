package dev.psi.app;

import dev.psi.core.spec.Spec;
import dev.psi.core.result.EpochResult;
import dev.psi.train.data.DataSplit;
import dev.psi.train.data.Examples;
import dev.psi.train.engine.TorchRuntime;
import dev.psi.train.engine.Trial;
import dev.psi.train.engine.TrialConfig;
import dev.psi.train.engine.TrialListener;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code psi bench}: seconds per epoch and examples per second of the reference task — full
 * Fashion-MNIST, MLP 784-256-10, batch 128, plain SGD at lr 0.1, validation on the 10k test set every
 * epoch — at each requested thread count. {@code tools/bench/pytorch_reference.py} does the same in
 * PyTorch from Python for the side-by-side figure in the README.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure seconds per epoch on the reference task (fmnist-mlp, batch 128, SGD lr 0.1).")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--epochs", defaultValue = "3", paramLabel = "N",
            description = "Epochs per thread count; the fastest is reported (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--threads", defaultValue = "1,2", split = ",", paramLabel = "N,...",
            description = "Intra-op thread counts to measure (default: ${DEFAULT-VALUE}).")
    private List<Integer> threads;

    @Option(names = "--train-size", defaultValue = "0", paramLabel = "N",
            description = "Train on a subset of N examples (default: all 60000).")
    private int trainSize;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        // Every option is checked before the header is printed or the data loaded.
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        if (trainSize < 0) {
            throw new IllegalArgumentException("--train-size must be >= 0, got " + trainSize);
        }
        OptionChecks.threads(threads, command.commandLine());
        TaskSpec task = Tasks.resolve("fmnist-mlp");
        DataSplit split = task.load(0, 1);
        // The workload of tools/bench/pytorch_reference.py: the whole training file (Psi's training and
        // validation parts), validated on the 10 000 test images, so that both sides do the same work.
        Examples whole = Examples.concat(split.train(), split.validation());
        if (trainSize > whole.count()) {
            throw new IllegalArgumentException("--train-size must be at most " + whole.count() + ", got " + trainSize);
        }
        DataSplit data = new DataSplit(trainSize == 0 ? whole : whole.subset(IntStream.range(0, trainSize).toArray()),
                split.test());
        // Validation at each epoch's end only, as the Python peer does: no evaluations between epochs.
        TrialConfig config = new TrialConfig(task.model(), Spec.parse("SGD()"), Spec.parse("Constant(lr=0.1)"), 128,
                epochs, 1, TrialConfig.DEFAULT_LOSS_SMOOTHING, Integer.MAX_VALUE);
        PrintWriter out = command.commandLine().getOut();
        out.printf(Locale.ROOT, "psi (DJL 0.36 + PyTorch 2.7.1), %d examples, MLP 784-256-10, batch 128, SGD lr 0.1%n",
                data.train().count());
        for (int count : threads) {
            TorchRuntime.setThreads(count);
            try (Trial trial = Trial.create(config, data)) {
                List<EpochResult> results = trial.run(TrialListener.NONE).epochs();
                double best = results.stream().mapToDouble(EpochResult::wallSeconds).min().orElse(Double.NaN);
                StringBuilder all = new StringBuilder();
                for (EpochResult result : results) {
                    all.append(all.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", result.wallSeconds()));
                }
                out.printf(Locale.ROOT, "threads=%d seconds/epoch min=%.3f all=[%s] examples/s=%.0f val_acc=%.4f%n", count,
                        best, all, data.train().count() / best, results.get(results.size() - 1).valAccuracy());
                out.flush();
            }
        }
        return 0;
    }
}
