package dev.psi.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** Checks of option values that picocli's types cannot express, with the one-line message users see. */
final class OptionChecks {

    private OptionChecks() {
    }

    /** An optional count, when given, must be at least 1. */
    static void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + value);
        }
    }

    /**
     * Thread counts must be at least 1. More threads than cores is allowed (a measurement may want it) but
     * warned of once, in one line: the threads take turns on the cores and training runs several times
     * slower, which otherwise looks like a bug.
     */
    static void threads(List<Integer> counts, CommandLine line) {
        for (int count : counts) {
            if (count < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + count);
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int most = counts.stream().mapToInt(Integer::intValue).max().orElse(1);
        if (most > cores) {
            PrintWriter err = line.getErr();
            err.printf(Locale.ROOT, "%s: warning: --threads %d is more than the %d core%s here; the threads will take "
                    + "turns on them and training will be slower%n", line.getCommandSpec().qualifiedName(), most, cores,
                    cores == 1 ? "" : "s");
            err.flush();
        }
    }
}
