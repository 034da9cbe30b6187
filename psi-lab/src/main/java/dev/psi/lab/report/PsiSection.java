package dev.psi.lab.report;

import dev.psi.core.psi.ParetoPoint;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.psi.PsiModel;
import dev.psi.lab.study.StudyResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Section 6: the fitted Ψ, its formula, Pareto front, map over (ε/ε₀, i) and scores; the network's summary. */
final class PsiSection {

    /** The leave-one-task-out RMSE of ln α, the fit's estimate of its error on a task it never saw. */
    static final String LOTO = "loto_rmse_log_lr";
    /** The leave-one-family-out RMSE of ln α: the error on a kind of task the fit never saw. */
    static final String LOFO = "lofo_rmse_log_lr";
    /** The leave-one-family-out RMSE of ln α with the shape searched again on each fold; it chose the formula. */
    static final String LOFO_SHAPE = "lofo_shape_rmse_log_lr";

    private PsiSection() {
    }

    static Section of(StudyResults results) {
        StringBuilder html = new StringBuilder();
        PsiModel formula = results.formula();
        html.append("<h3>Formula</h3>\n");
        if (formula == null) {
            html.append("<p>No formula was fitted.</p>\n");
        } else {
            Map<String, Double> scores = formula.fit().metrics();
            html.append("<p>α = <code>").append(Html.escape(formula.describe())).append("</code>; RMSE of ln α in "
                    + "sample ").append(Format.general(scores.getOrDefault("rmse_log_lr", Double.NaN)))
                    .append(", leave-one-task-out ").append(Format.general(scores.getOrDefault(LOTO, Double.NaN)))
                    .append(", leave-one-family-out ").append(Format.general(scores.getOrDefault(LOFO, Double.NaN)))
                    .append(" (these held-out errors refit the constants of the chosen shape, so they are optimistic "
                            + "about the shape)");
            if (scores.containsKey(LOFO_SHAPE)) {
                html.append("; leave-one-family-out with the shape searched again without the family ")
                        .append(Format.general(scores.get(LOFO_SHAPE)))
                        .append(", the error by which the formula's size was chosen");
            } else {
                html.append("; the formula is the knee of the Pareto front (fewer than three task families: no "
                        + "choice by transfer)");
            }
            html.append(".</p>\n");
            html.append(metrics(formula).toHtml());
            List<ParetoPoint> pareto = formula.fit().pareto();
            if (!pareto.isEmpty()) {
                List<List<String>> rows = new ArrayList<>();
                double[] size = new double[pareto.size()];
                double[] error = new double[pareto.size()];
                for (int k = 0; k < pareto.size(); k++) {
                    ParetoPoint point = pareto.get(k);
                    rows.add(List.of(Integer.toString(point.size()), Format.general(point.error()),
                            point.formula().toString()));
                    size[k] = point.size();
                    error[k] = point.error();
                }
                html.append("<h3>Pareto front</h3>\n")
                        .append(LinePlot.svg("Pareto front", "size (nodes)", "validation error", List.of(
                                new LinePlot.Series("candidates", size, error, null, null, false, true))))
                        .append(new Table(null, List.of("size", "error", "formula"), rows).toHtml());
            }
            html.append("<h3>Ψ over (ε/ε₀, i)</h3>\n").append(PsiMapPlot.svg(formula, "Psi, clamped"));
        }
        html.append("<h3>Network</h3>\n");
        PsiModel network = results.network();
        if (network == null) {
            html.append("<p>No network was fitted.</p>\n");
        } else {
            html.append("<p><code>").append(Html.escape(network.describe())).append("</code>, features: ")
                    .append(Html.escape(String.join(", ", network.features().stream().map(PsiFeature::word).toList())))
                    .append(".</p>\n").append(metrics(network).toHtml());
        }
        return new Section("psi", "Ψ", html.toString(), List.of());
    }

    /** The model's validation scores and fitted α range. */
    private static Table metrics(PsiModel model) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Double> metric : model.fit().metrics().entrySet()) {
            rows.add(List.of(metric.getKey(), Format.general(metric.getValue())));
        }
        rows.add(List.of("lr range", Format.general(model.fit().minLr()) + " – " + Format.general(model.fit().maxLr())));
        return new Table(null, List.of("metric", "value"), rows);
    }
}
