package dev.psi.app;

import picocli.CommandLine.Option;

/** The {@code --db} option of every command that reads or writes the results store. */
final class StoreOption {

    /** The environment variable that replaces the default; how psi study hands its database to its workers. */
    static final String ENVIRONMENT = "PSI_DB";

    @Option(names = "--db", defaultValue = "${env:PSI_DB:-psi.db}", paramLabel = "PATH",
            description = "SQLite file or jdbc:postgresql: URL (default: $PSI_DB, else psi.db).")
    String location;
}
