package dev.psi.lab.work;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link WorkerExecutor} needs to start {@code psi worker} processes for a study.
 *
 * @param study the study whose jobs the workers take
 * @param slots how many workers at once; 0 lets the executor choose (Spark: its default parallelism, the cores
 *     of its executors)
 * @param master where the executor runs, e.g. a Spark master URL; empty for the executor's own configuration
 *     (under {@code spark-submit}, its {@code --master})
 * @param javaOptions the worker JVM's options before the class path, e.g. {@code -Dai.djl.offline=true}
 * @param classPath the worker JVM's class path, as {@code java -cp} takes it
 * @param arguments the main class and its arguments, e.g. {@code dev.psi.app.Psi worker --study S --attached}:
 *     the worker must stop when its standard input closes, so that none outlives what started it
 * @param environment added to the worker's environment (the database URL, the kernel pins)
 * @param logs the folder for the workers' logs when they run on this machine
 */
public record WorkerLaunch(String study, int slots, Optional<String> master, List<String> javaOptions,
        String classPath, List<String> arguments, Map<String, String> environment, Path logs) {

    public WorkerLaunch {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(classPath, "classPath");
        Objects.requireNonNull(logs, "logs");
        if (slots < 0) {
            throw new IllegalArgumentException("slots must be >= 0, got " + slots);
        }
        javaOptions = List.copyOf(javaOptions);
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }
}
