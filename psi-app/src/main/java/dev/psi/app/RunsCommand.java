package dev.psi.app;

import dev.psi.lab.record.LeftRunning;
import dev.psi.store.ResultStore;
import dev.psi.store.TrialStore;
import dev.psi.store.TrialSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code psi runs}: the trials in a store, one line each. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the trials in a store.")
final class RunsCommand implements Callable<Integer> {

    private static final String FORMAT = "%5s  %-16s  %-11s  %-9s  %6s  %8s  %8s  %8s  %s%n";

    @Mixin
    private StoreOption database;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        try (ResultStore store = Stores.openForReading(database.location)) {
            List<TrialSummary> trials = store.trials().all();
            // Read-only: a trial whose process is gone is shown as what the next writing command will mark it.
            Set<Long> interrupted = Set.copyOf(LeftRunning.find(store));
            PrintWriter out = command.commandLine().getOut();
            out.printf(Locale.ROOT, FORMAT, "id", "task", "status", "epochs", "seed", "best_acc", "val_loss", "seconds",
                    "controller / optimizer");
            for (TrialSummary t : trials) {
                String status = interrupted.contains(t.id()) ? TrialStore.INTERRUPTED : t.status().word();
                out.printf(Locale.ROOT, FORMAT, t.id(), t.task(), status, t.epochsDone() + "/" + t.epochBudget(),
                        t.seed(), number(t.bestValAccuracy(), 4), number(t.finalValLoss(), 4), seconds(t.wallSeconds()),
                        t.controller() + " / " + t.optimizer());
            }
            out.printf(Locale.ROOT, "%d trial%s in %s%n", trials.size(), trials.size() == 1 ? "" : "s",
                    database.location);
            out.flush();
        }
        return 0;
    }

    /** A loss or an accuracy; a diverged run's loss may be 1e27, which must not widen its column by 20 digits. */
    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "-" : Decimals.of(value, decimals);
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
