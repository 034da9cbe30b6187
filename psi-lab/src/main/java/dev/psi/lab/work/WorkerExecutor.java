package dev.psi.lab.work;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A place other than this machine's process pool where a study's workers run: the service behind
 * {@code psi study --executor NAME}. Implementations register through {@link ServiceLoader}
 * ({@code META-INF/services/dev.psi.lab.work.WorkerExecutor}), so that an executor's libraries — Spark's, for
 * psi-spark's {@code spark} — are on the class path only when a command asks for it, and no module below needs
 * them at compile time.
 *
 * <p>An executor runs the same {@code psi worker} processes as {@link Workers#processes}, only started by
 * something else; the queue in the store stays the one channel between them and the study.
 */
public interface WorkerExecutor {

    /** The word {@code --executor} takes, e.g. {@code spark}. */
    String name();

    /** A pool of workers for {@code launch}; it starts nothing until {@link WorkerPool#start} is called. */
    WorkerPool pool(WorkerLaunch launch, Workers.Listener listener);

    /**
     * The executor named {@code name} on the class path.
     *
     * @throws IllegalArgumentException one line naming the executors found, if none is called {@code name}
     */
    static WorkerExecutor named(String name) {
        List<String> found = new ArrayList<>();
        for (WorkerExecutor executor : ServiceLoader.load(WorkerExecutor.class)) {
            if (executor.name().equals(name)) {
                return executor;
            }
            found.add(executor.name());
        }
        String hint = name.equals("spark") ? " (the ./psi launcher adds psi-spark's class path when a command names "
                + "--executor spark; see README, \"Spark\")" : "";
        throw new IllegalArgumentException("executor '" + name + "' is not on the class path" + hint + "; valid: local"
                + (found.isEmpty() ? "" : ", " + String.join(", ", found)));
    }
}
