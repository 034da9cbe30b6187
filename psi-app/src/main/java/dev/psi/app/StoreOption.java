package dev.psi.app;

import picocli.CommandLine.Option;

/** The {@code --db} option of every command that reads or writes the results store. */
final class StoreOption {

    @Option(names = "--db", defaultValue = "psi.db", paramLabel = "PATH",
            description = "SQLite file or jdbc:postgresql: URL (default: ${DEFAULT-VALUE}).")
    String location;
}
