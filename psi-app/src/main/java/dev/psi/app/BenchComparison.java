package dev.psi.app;

import java.util.Locale;
import java.util.Map;

/**
 * The closing table of {@code psi bench --compare}: per case and thread count, both sides' best seconds per
 * epoch and PyTorch's time divided by Psi's — Psi's speed relative to PyTorch from Python, above 1 when Psi is
 * faster. A figure measured on one side only is left out.
 */
final class BenchComparison {

    private BenchComparison() {
    }

    /**
     * @param psi best seconds per epoch by case word and thread count, as {@code psi bench} measured them
     * @param torch the same from the Python reference
     */
    static String table(Map<String, Map<Integer, Double>> psi, Map<String, Map<Integer, Double>> torch) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-10s %7s %12s %16s %22s%n", "case",
                "threads", "psi s/epoch", "pytorch s/epoch", "speed (pytorch / psi)"));
        psi.forEach((word, byThreads) -> byThreads.forEach((threads, seconds) -> {
            Double reference = torch.getOrDefault(word, Map.of()).get(threads);
            if (reference != null) {
                table.append(String.format(Locale.ROOT, "%-10s %7d %12.4f %16.4f %21.2fx%n", word, threads, seconds,
                        reference, reference / seconds));
            }
        }));
        return table.toString();
    }
}
