package dev.psi.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * One Spark task: runs one {@code psi worker} process, with the executor's java and class path, until it ends
 * (it stops after a few seconds without a queued job) or the task is killed, which closes the worker's standard
 * input and so stops it. The worker's job, if it had one, stays claimed; the study gives it back.
 *
 * @param javaOptions the worker JVM's options before its class path
 * @param arguments the main class and its arguments
 * @param environment added to the worker's environment
 * @param logs the folder of the workers' logs ({@code spark-worker-K.log}) when Spark runs on the study's own
 *     machine; null on a cluster, where the worker writes to the executor's log
 */
record WorkerTask(List<String> javaOptions, List<String> arguments, Map<String, String> environment, String logs)
        implements Function<Integer, Integer> {

    private static final long serialVersionUID = 1L;

    /**
     * Runs worker {@code slot} to its end.
     *
     * @return the worker's exit status, 0
     * @throws IllegalStateException if the worker ended with another status without being stopped
     */
    @Override
    public Integer call(Integer slot) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-cp");
        command.add(classPath());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        if (logs == null) {
            builder.redirectOutput(Redirect.INHERIT);
        } else {
            Path folder = Files.createDirectories(Path.of(logs));
            builder.redirectOutput(Redirect.appendTo(folder.resolve("spark-worker-" + slot + ".log").toFile()));
        }
        Process process = builder.start();
        TaskContext task = TaskContext.get();
        try {
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (task != null && task.isInterrupted()) {
                    stop(process);
                }
            }
            // A worker that failed (it cannot reach the store, cannot start, died in a job) fails its task, so that
            // Spark retries it and a round whose workers all fail counts as failed instead of ending as if the
            // queue were empty: the study would start round after round, silently, forever.
            if (process.exitValue() != 0 && (task == null || !task.isInterrupted())) {
                throw new IllegalStateException("psi worker " + slot + " ended with exit status "
                        + process.exitValue() + (logs == null ? "; see the executor's log"
                                : "; see " + Path.of(logs, "spark-worker-" + slot + ".log")));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** Closes the worker's standard input, which stops it ({@code psi worker --attached}); kills it if it lingers. */
    private static void stop(Process process) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Gone already.
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /**
     * The executor's class path: the jars Spark added for this application (the task's class loaders), then the
     * JVM's own ({@code spark.executor.extraClassPath} among it). On the study's machine that is the study's.
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null;
                loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if (url.getProtocol().equals("file")) {
                        try {
                            entries.add(new File(url.toURI()).getPath());
                        } catch (URISyntaxException e) {
                            throw new UncheckedIOException(new IOException("bad class path entry " + url, e));
                        }
                    }
                }
            }
        }
        entries.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        return String.join(File.pathSeparator, entries);
    }
}
