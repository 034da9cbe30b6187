package dev.psi.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
     * The closing table of {@code --rounds N}: per case and thread count, the smallest, median and largest ratio of
     * PyTorch's time to Psi's over the rounds, by wall-clock and by CPU seconds. The median of an even number of
     * rounds is the mean of the middle two. Cases measured on one side only in some round count the rounds they
     * were compared in; a ratio that is not a number (PyTorch's output without CPU seconds) is left out.
     */
    static String summary(List<Round> rounds) {
        Map<String, Map<Integer, List<double[]>>> ratios = new LinkedHashMap<>();
        for (Round round : rounds) {
            round.psi().forEach((word, byThreads) -> byThreads.forEach((threads, mine) -> {
                Figure reference = round.torch().getOrDefault(word, Map.of()).get(threads);
                if (reference != null) {
                    ratios.computeIfAbsent(word, w -> new LinkedHashMap<>())
                            .computeIfAbsent(threads, t -> new ArrayList<>())
                            .add(new double[] {reference.wall() / mine.wall(), reference.cpu() / mine.cpu()});
                }
            }));
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "PyTorch time / Psi time over %d rounds: min, median, max%n%-10s %7s %6s %23s %23s%n",
                rounds.size(), "case", "threads", "rounds", "speed wall", "speed cpu"));
        ratios.forEach((word, byThreads) -> byThreads.forEach((threads, pairs) -> table.append(String.format(
                Locale.ROOT, "%-10s %7d %6d %23s %23s%n", word, threads, pairs.size(), spread(pairs, 0),
                spread(pairs, 1)))));
        return table.toString();
    }

    /** Min, median and max of the column's finite ratios ({@code -} if none: a side that reported no CPU time). */
    private static String spread(List<double[]> pairs, int column) {
        double[] values = pairs.stream().mapToDouble(pair -> pair[column]).filter(Double::isFinite).sorted().toArray();
        if (values.length == 0) {
            return "-";
        }
        int middle = values.length / 2;
        double median = values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return String.format(Locale.ROOT, "%.2fx %.2fx %.2fx", values[0], median, values[values.length - 1]);
    }

    /** One round of {@code --rounds}: Psi's best epochs and then PyTorch's, by case word and thread count. */
    record Round(Map<String, Map<Integer, Figure>> psi, Map<String, Map<Integer, Figure>> torch) {
    }

    /**
     * The best epoch of one side: wall-clock seconds and CPU seconds (NaN where the side did not report them).
     */
    record Figure(double wall, double cpu) {
    }
}
