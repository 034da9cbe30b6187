package dev.psi.app;

import java.util.Locale;
import java.util.Map;

/**
 * The closing table of {@code psi bench --compare}: per case and thread count, both sides' best seconds per
 * epoch and PyTorch's time divided by Psi's — Psi's speed relative to PyTorch from Python, above 1 when Psi is
 * faster — by wall-clock and by CPU seconds. The CPU ratio is the one to trust on a machine that other work
 * shares: waiting for a core adds to wall seconds only. A figure measured on one side only is left out.
 */
final class BenchComparison {

    private BenchComparison() {
    }

    /**
     * @param psi best epoch by case word and thread count, as {@code psi bench} measured them
     * @param torch the same from the Python reference
     */
    static String table(Map<String, Map<Integer, Figure>> psi, Map<String, Map<Integer, Figure>> torch) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-10s %7s %12s %16s %11s %12s %16s %11s%n",
                "case", "threads", "psi wall s", "pytorch wall s", "speed wall", "psi cpu s", "pytorch cpu s",
                "speed cpu"));
        psi.forEach((word, byThreads) -> byThreads.forEach((threads, mine) -> {
            Figure reference = torch.getOrDefault(word, Map.of()).get(threads);
            if (reference != null) {
                table.append(String.format(Locale.ROOT, "%-10s %7d %12.4f %16.4f %10.2fx %12.4f %16.4f %10.2fx%n",
                        word, threads, mine.wall(), reference.wall(), reference.wall() / mine.wall(), mine.cpu(),
                        reference.cpu(), reference.cpu() / mine.cpu()));
            }
        }));
        return table.toString();
    }

    /**
     * The best epoch of one side: wall-clock seconds and CPU seconds (NaN where the side did not report them).
     */
    record Figure(double wall, double cpu) {
    }
}
