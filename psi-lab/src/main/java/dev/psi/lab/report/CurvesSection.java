package dev.psi.lab.report;

import dev.psi.core.criteria.Metric;
import dev.psi.core.criteria.Target;
import dev.psi.core.result.EpochResult;
import dev.psi.lab.study.MethodResult;
import dev.psi.lab.study.StudyResults;
import java.util.ArrayList;
import java.util.List;

/**
 * Section 4: learning curves on each held-out task for the main methods, the median over seeds of the
 * task's target metric with its min–max band.
 */
final class CurvesSection {

    /** How many alternatives, best scores first, are drawn beside Ψ and the oracle: more lines would not read. */
    private static final int ALTERNATIVES = 2;

    private CurvesSection() {
    }

    static Section of(StudyResults results, Scoreboard board) {
        List<String> main = mainMethods(board);
        StringBuilder html = new StringBuilder("<p>Methods drawn: ").append(Html.escape(String.join(", ", main)))
                .append(". Line: median over seeds; band: min to max over seeds.</p>\n");
        for (String task : results.heldOutTasks()) {
            Metric metric = metric(results, task);
            List<LinePlot.Series> lines = new ArrayList<>();
            for (String method : main) {
                Scoreboard.find(results, task, method).ifPresent(r -> lines.add(curve(r, metric)));
            }
            if (!lines.isEmpty()) {
                html.append(LinePlot.svg(task, "epoch", metric.word(), lines));
            }
        }
        return new Section("curves", "Learning curves", html.toString(), List.of());
    }

    /** Ψ (both models), the oracle and the best-scoring alternatives, in that order. */
    static List<String> mainMethods(Scoreboard board) {
        List<String> main = new ArrayList<>();
        for (String method : List.of(Scoreboard.PSI_FORMULA, Scoreboard.PSI_NETWORK, Scoreboard.ORACLE)) {
            if (board.methods().contains(method)) {
                main.add(method);
            }
        }
        board.ranked().stream().map(MethodSummary::method).filter(Scoreboard::isAlternative).limit(ALTERNATIVES)
                .forEach(main::add);
        return main;
    }

    /** The task's target metric; validation accuracy when the task has no target. */
    private static Metric metric(StudyResults results, String task) {
        Target target = results.targets().get(task);
        return target == null ? Metric.VAL_ACCURACY : target.metric();
    }

    private static LinePlot.Series curve(MethodResult result, Metric metric) {
        int epochs = result.curves().stream().mapToInt(List::size).max().orElse(0);
        double[] x = new double[epochs];
        double[] median = new double[epochs];
        double[] low = new double[epochs];
        double[] high = new double[epochs];
        for (int k = 0; k < epochs; k++) {
            List<Double> values = new ArrayList<>();
            for (List<EpochResult> seed : result.curves()) {
                if (k < seed.size() && Double.isFinite(metric.of(seed.get(k)))) {
                    values.add(metric.of(seed.get(k)));
                }
            }
            x[k] = k;
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            median[k] = sorted.length == 0 ? Double.NaN : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            low[k] = sorted.length == 0 ? Double.NaN : sorted[0];
            high[k] = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
        }
        return new LinePlot.Series(result.method(), x, median, low, high, false, false);
    }
}
