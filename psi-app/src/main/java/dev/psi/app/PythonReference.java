package dev.psi.app;

import dev.psi.train.engine.KernelPinning;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Python side of {@code psi bench --compare}: runs {@code tools/bench/pytorch_reference.py} with a Python
 * that has PyTorch, echoes what it prints, and reads its best epoch per case and thread count.
 *
 * <p>It is optional by design: the build and the tests never need Python. When the interpreter is missing or
 * cannot import torch, or the script is not beside the build (an installed jar without the source tree),
 * {@link #find} says why in one line ({@link Unavailable}) and the comparison is skipped.
 *
 * <p>The script runs without the kernel pins the launcher exports for Psi ({@link KernelPinning}): the
 * reference is PyTorch as a Python user runs it, with the kernels it picks for this CPU.
 */
final class PythonReference {

    /** Debian's interpreter, whose {@code python3-torch} is the reference; a {@code python3} on PATH may lack it. */
    static final String DEFAULT_PYTHON = "/usr/bin/python3";

    private static final Path SCRIPT = Path.of("tools", "bench", "pytorch_reference.py");
    private static final Pattern RESULT = Pattern.compile("^case=(\\S+) threads=(\\d+) seconds/epoch min=([0-9.]+)"
            + "(?:.* cpu_seconds/epoch min=([0-9.]+))?");

    private final String python;
    private final Path script;

    private PythonReference(String python, Path script) {
        this.python = python;
        this.script = script;
    }

    /**
     * The reference run by {@code python}.
     *
     * @throws Unavailable saying in one line why it cannot run here
     */
    static PythonReference find(String python) throws Unavailable {
        Path script = script().orElseThrow(() -> new Unavailable(SCRIPT + " not found beside the build or in the "
                + "working directory"));
        // A bare name is looked up on PATH when it starts; a path must name an executable file.
        if (python.contains("/") && !Files.isExecutable(Path.of(python))) {
            throw new Unavailable(python + " not found (name another with --python)");
        }
        try {
            Process check = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
                check.destroy();
                throw new Unavailable(python + " cannot import torch (Debian: apt install python3-torch "
                        + "libopenblas0-pthread)");
            }
        } catch (IOException e) {
            throw new Unavailable("cannot run " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
        return new PythonReference(python, script);
    }

    /**
     * Runs the script on {@code cases} at each thread count, echoing its lines to {@code out}.
     *
     * @return the best epoch's seconds by case word and thread count
     * @throws IOException if the script cannot be started or fails
     */
    Map<String, Map<Integer, BenchComparison.Figure>> run(List<BenchCase> cases, int epochs, List<Integer> threads,
            PrintWriter out)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(python, script.toString(), "--epochs", Integer.toString(epochs),
                "--threads", threads.stream().map(String::valueOf).collect(Collectors.joining(",")), "--cases",
                cases.stream().map(BenchCase::word).collect(Collectors.joining(","))));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // PyTorch as a Python user runs it: without the kernel pins the launcher exported for Psi.
        builder.environment().keySet().removeAll(KernelPinning.PINS.keySet());
        Process process = builder.start();
        Map<String, Map<Integer, BenchComparison.Figure>> results = new LinkedHashMap<>();
        try (InputStream stream = process.getInputStream()) {
            String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                out.println(line);
                parse(line).ifPresent(r -> results.computeIfAbsent(r.caseWord(), k -> new LinkedHashMap<>())
                        .put(r.threads(), new BenchComparison.Figure(r.seconds(), r.cpuSeconds())));
            }
        }
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue());
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        out.flush();
        return results;
    }

    /** The result a line of the script (or of {@code psi bench}) reports, if it is a result line. */
    static Optional<Result> parse(String line) {
        Matcher m = RESULT.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Result(m.group(1), Integer.parseInt(m.group(2)), Double.parseDouble(m.group(3)),
                m.group(4) == null ? Double.NaN : Double.parseDouble(m.group(4))));
    }

    /**
     * The script: under the source tree the running jar or classes were built in ({@code psi-app/target/...}),
     * else under the working directory.
     */
    private static Optional<Path> script() {
        List<Path> candidates = new ArrayList<>();
        try {
            Path built = Path.of(PythonReference.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // psi-app/target/psi-app.jar or psi-app/target/classes: three levels up is the source tree.
            Path root = built.getParent() == null ? null : built.getParent().getParent();
            if (root != null && root.getParent() != null) {
                candidates.add(root.getParent().resolve(SCRIPT));
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // No code source to go by (an unusual class loader): the working directory is still tried.
        }
        candidates.add(SCRIPT.toAbsolutePath());
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** Why the reference cannot run here: the message is the reason, in one line. */
    static final class Unavailable extends Exception {

        private static final long serialVersionUID = 1L;

        Unavailable(String reason) {
            super(reason);
        }
    }

    /** One measured figure: a case at a thread count, best wall and CPU seconds per epoch (CPU NaN if absent). */
    record Result(String caseWord, int threads, double seconds, double cpuSeconds) {
    }
}
