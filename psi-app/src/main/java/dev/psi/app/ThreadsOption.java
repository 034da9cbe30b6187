package dev.psi.app;

import dev.psi.train.engine.TorchRuntime;
import picocli.CommandLine.Option;

/** The {@code --threads} option of every command that trains. */
final class ThreadsOption {

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Intra-op threads of each trial (default: ${DEFAULT-VALUE}; parallelism comes from "
                    + "parallel trials).")
    int count;

    /** Rejects a count below 1; called with the other checks, before any work starts. */
    void check() {
        if (count < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + count);
        }
    }

    /** Sets PyTorch's intra-op threads for this process. */
    void apply() {
        TorchRuntime.setThreads(count);
    }
}
