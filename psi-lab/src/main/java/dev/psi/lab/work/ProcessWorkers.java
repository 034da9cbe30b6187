package dev.psi.lab.work;

import dev.psi.lab.record.TrialRecords;
import dev.psi.store.FileFailures;
import dev.psi.store.ResultStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@link Workers#processes}: a pool of worker JVMs on this machine. Each is told to stop by closing its
 * standard input, which also happens when this process dies, so no worker outlives its study.
 */
final class ProcessWorkers extends QueuedWorkers {

    /** A running worker process and the number of its slot, which names its log. */
    private record Child(int slot, Process process, String name) {
    }

    private final int count;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logs;
    /** Every worker this pool started, alive or not: their deaths are this pool's to handle. */
    private final Set<String> started = new HashSet<>();
    private final List<Child> children = new ArrayList<>();
    private boolean launched;
    private int restarts;

    ProcessWorkers(ResultStore store, int count, List<String> command, Map<String, String> environment, Path logs,
            Listener listener) {
        super(store, listener);
        if (count < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + count);
        }
        this.count = count;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logs = Objects.requireNonNull(logs, "logs");
    }

    @Override
    void afterSubmit() {
        // Once: later submits find the pool running, and a worker that stopped is replaced by step(), within
        // its restart budget, not here.
        if (launched) {
            return;
        }
        launched = true;
        for (int slot = 1; slot <= count; slot++) {
            children.add(spawn(slot));
        }
    }

    @Override
    boolean owns(String worker) {
        return started.contains(worker);
    }

    @Override
    void step(String study) {
        for (Child child : List.copyOf(children)) {
            if (child.process().isAlive()) {
                continue;
            }
            children.remove(child);
            String stopped = "stopped with exit status " + child.process().exitValue() + " (see " + log(child.slot())
                    + ")";
            release(child.name(), stopped);
            if (restarts >= 2 * count) {
                if (children.isEmpty()) {
                    throw new JobFailedException("the worker processes stopped " + restarts + " times; see their logs"
                            + " in " + logs);
                }
                listener.onProgress("worker " + child.name() + " " + stopped + "; not restarted, " + restarts
                        + " restarts already");
                continue;
            }
            restarts++;
            Child restarted = spawn(child.slot());
            children.add(restarted);
            listener.onProgress("worker " + child.name() + " " + stopped + "; restarted as " + restarted.name());
        }
        pause();
    }

    @Override
    public void close() {
        for (Child child : children) {
            try {
                child.process().getOutputStream().close();
            } catch (IOException e) {
                // The worker is gone already.
            }
        }
        for (Child child : children) {
            try {
                if (!child.process().waitFor(10, TimeUnit.SECONDS)) {
                    child.process().destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                child.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
            // A worker stopped mid-job (the study failed, or was stopped) did not fail on it: its job goes
            // back without counting, for the next run to resume.
            store.jobs().requeue(child.name());
        }
        children.clear();
    }

    private Child spawn(int slot) {
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log(slot).toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            Child child = new Child(slot, process, TrialRecords.machine() + ":" + process.pid());
            started.add(child.name());
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start worker process " + command.get(0) + " logging to " + log(slot)
                    + ": " + FileFailures.describe(e), e);
        }
    }

    private Path log(int slot) {
        return logs.resolve("worker-" + slot + ".log");
    }
}
