package dev.psi.lab.report;

import dev.psi.core.result.SurfaceRow;
import dev.psi.lab.study.StudyResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Section 5: the sampled surface of each training task, the mean convergence r over (epoch i, log₁₀ α),
 * with both oracles' paths drawn on top: the greedy oracle's kept rows (red) and the long-horizon labeller's
 * kept schedule (orange), so that the short-horizon bias of the greedy one (Wu et al. 2018) shows as the gap
 * between them.
 */
final class SurfaceSection {

    /** The greedy oracle's path colour. */
    static final String GREEDY_COLOR = "#e15759";

    /** The long-horizon labeller's path colour. */
    static final String HORIZON_COLOR = "#f28e2b";

    /** Rows of the map in log₁₀ α: enough to show the ridge, few enough that cells hold several samples. */
    private static final int LR_BINS = 24;

    private SurfaceSection() {
    }

    static Section of(StudyResults results) {
        StringBuilder html = new StringBuilder("<p>Colour: mean observed convergence r<sub>i</sub> = "
                + "ln(ε<sub>i</sub>/ε<sub>i+1</sub>) of the samples in the cell (higher is faster); empty cells were "
                + "not sampled. Red: the greedy oracle's learning rate at each epoch; orange: the long-horizon labeller's "
                + "(the best whole-budget schedule).</p>\n");
        Map<String, List<SurfaceRow>> byTask = new LinkedHashMap<>();
        for (SurfaceRow row : results.surface()) {
            if (row.lr() > 0 && Double.isFinite(row.convergence())) {
                byTask.computeIfAbsent(row.task(), t -> new ArrayList<>()).add(row);
            }
        }
        if (byTask.isEmpty()) {
            html.append("<p>The study holds no surface rows.</p>\n");
        }
        byTask.forEach((task, rows) -> html.append(HeatMap.svg("Surface of " + task, "epoch i", "log10 lr",
                "mean r", grid(rows))));
        return new Section("surface", "The surface", html.toString(), List.of());
    }

    /** The map of one task's rows: columns are whole epochs, rows equal bins of log₁₀ α. */
    static HeatMap.Grid grid(List<SurfaceRow> rows) {
        int maxEpoch = rows.stream().mapToInt(SurfaceRow::epoch).max().orElse(0);
        double low = rows.stream().mapToDouble(r -> Math.log10(r.lr())).min().orElse(0);
        double high = rows.stream().mapToDouble(r -> Math.log10(r.lr())).max().orElse(0);
        int bins = high > low ? LR_BINS : 1;
        double width = high > low ? (high - low) / bins : 1;
        double[][] sums = new double[bins][maxEpoch + 1];
        int[][] counts = new int[bins][maxEpoch + 1];
        for (SurfaceRow row : rows) {
            int bin = Math.min(bins - 1, (int) ((Math.log10(row.lr()) - low) / width));
            sums[bin][row.epoch()] += row.convergence();
            counts[bin][row.epoch()]++;
        }
        double[][] values = new double[bins][maxEpoch + 1];
        for (int b = 0; b < bins; b++) {
            for (int e = 0; e <= maxEpoch; e++) {
                values[b][e] = counts[b][e] == 0 ? Double.NaN : sums[b][e] / counts[b][e];
            }
        }
        double[] x = new double[maxEpoch + 1];
        for (int e = 0; e <= maxEpoch; e++) {
            x[e] = e;
        }
        double[] y = new double[bins];
        for (int b = 0; b < bins; b++) {
            y[b] = high > low ? low + width * (b + 0.5) : low;
        }
        List<HeatMap.Path> paths = new ArrayList<>(paths(rows, SurfaceRow.ORACLE, "greedy oracle", GREEDY_COLOR));
        paths.addAll(paths(rows, SurfaceRow.HORIZON, "long-horizon labels", HORIZON_COLOR));
        return new HeatMap.Grid(x, y, values, paths);
    }

    /** One path per trial with rows of {@code kind}, its kept rows in epoch order. */
    private static List<HeatMap.Path> paths(List<SurfaceRow> rows, String kind, String label, String color) {
        Map<Long, List<SurfaceRow>> byTrial = new LinkedHashMap<>();
        for (SurfaceRow row : rows) {
            if (row.kind().equals(kind)) {
                byTrial.computeIfAbsent(row.trialId(), t -> new ArrayList<>()).add(row);
            }
        }
        List<HeatMap.Path> paths = new ArrayList<>();
        for (List<SurfaceRow> trial : byTrial.values()) {
            List<SurfaceRow> sorted = new ArrayList<>(trial);
            sorted.sort((a, b) -> Integer.compare(a.epoch(), b.epoch()));
            double[] xs = new double[sorted.size()];
            double[] ys = new double[sorted.size()];
            for (int k = 0; k < sorted.size(); k++) {
                xs[k] = sorted.get(k).epoch();
                ys[k] = Math.log10(sorted.get(k).lr());
            }
            paths.add(new HeatMap.Path(label, color, xs, ys));
        }
        return paths;
    }
}
