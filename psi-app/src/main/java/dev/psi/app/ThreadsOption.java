package dev.psi.app;

import dev.psi.train.engine.TorchRuntime;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --threads} option of every command that trains. */
final class ThreadsOption {

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Intra-op threads of each trial (default: ${DEFAULT-VALUE}; parallelism comes from "
                    + "parallel trials).")
    int count;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /**
     * Rejects a count below 1 and warns of one above the core count; called with the other checks, before
     * any work starts.
     */
    void check() {
        OptionChecks.threads(List.of(count), command.commandLine());
    }

    /** Sets PyTorch's intra-op threads for this process. */
    void apply() {
        TorchRuntime.setThreads(count);
    }
}
