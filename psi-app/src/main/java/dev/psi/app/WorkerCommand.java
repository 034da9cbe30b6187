package dev.psi.app;

import dev.psi.lab.work.Worker;
import dev.psi.store.ResultStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code psi worker}: takes jobs of studies from the store's queue and runs them, one trial at a time.
 * {@code psi study --workers N} starts N of these ({@code --attached}); more can join from other shells or,
 * with a PostgreSQL store, other machines.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run jobs that psi study queued in the store, one at a time, until none has been queued for "
                + "--linger seconds. A worker that dies costs the epoch it was training: the study queues its job "
                + "again and the next worker resumes the trial from its last stored epoch."})
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--study", paramLabel = "NAME", description = "Take only this study's jobs (default: any).")
    private String study;

    @Option(names = "--linger", defaultValue = "30", paramLabel = "S",
            description = "Seconds to wait for new jobs before stopping (default: ${DEFAULT-VALUE}).")
    private long linger;

    @Option(names = "--attached", description = "Stop when standard input closes, and (unless --linger is given too) "
            + "not before: how psi study runs the workers it starts, so that none outlives it.")
    private boolean attached;

    @Mixin
    private StoreOption database;

    @Mixin
    private ThreadsOption threads;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        threads.check();
        if (linger < 0) {
            throw new IllegalArgumentException("--linger must be >= 0 seconds, got " + linger);
        }
        if (attached) {
            stopWhenInputCloses();
        }
        PrintWriter out = command.commandLine().getOut();
        try (ResultStore store = Stores.openForWriting(database.location);
                Worker worker = new Worker(store, Optional.ofNullable(study), line -> {
                    out.println(line);
                    out.flush();
                })) {
            threads.apply();
            out.println("worker " + worker.name() + " on " + store.location());
            out.flush();
            // Attached workers wait for new jobs as long as their study runs, unless told how long (a Spark task's).
            boolean lingerGiven = command.commandLine().getParseResult().hasMatchedOption("--linger");
            int ran = worker.serve(attached && !lingerGiven ? ChronoUnit.FOREVER.getDuration()
                    : Duration.ofSeconds(linger));
            out.println("worker " + worker.name() + ": " + ran + " jobs run, none left");
        }
        return 0;
    }

    /** Halts the JVM once standard input reaches its end: the parent closed it, or died. */
    private static void stopWhenInputCloses() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Nothing is ever sent; only the end matters.
                }
            } catch (IOException e) {
                // A broken pipe is an end too.
            }
            Runtime.getRuntime().halt(0);
        }, "psi-worker-parent");
        watcher.setDaemon(true);
        watcher.start();
    }
}
