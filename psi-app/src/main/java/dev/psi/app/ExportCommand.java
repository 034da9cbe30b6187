package dev.psi.app;

import dev.psi.store.ResultStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code psi export}: every table of a store as CSV files. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write every table of a store as CSV (studies, tasks, trials, epochs, recoveries, surface, psi_models).")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    private StoreOption database;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the CSV files.")
    private Path out;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        try (ResultStore store = Stores.openForReading(database.location)) {
            store.csvExport().write(out);
        }
        command.commandLine().getOut().println("wrote studies.csv, tasks.csv, trials.csv, epochs.csv, recoveries.csv, "
                + "surface.csv, psi_models.csv, jobs.csv to " + out);
        command.commandLine().getOut().flush();
        return 0;
    }
}
