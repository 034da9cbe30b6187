package dev.psi.lab.fit;

import dev.psi.core.psi.FitInfo;
import dev.psi.core.psi.FormulaModel;
import dev.psi.core.psi.NetworkModel;
import dev.psi.core.psi.ParetoPoint;
import dev.psi.core.psi.PsiController;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.psi.PsiModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fitted Ψ in words, as {@code psi show-psi} prints it: the formula or the network's shape, the
 * features and their fitted ranges, the α range, where the data came from, the scores and the Pareto
 * front.
 */
public final class ModelReport {

    private ModelReport() {
    }

    /** The lines of the report of {@code model}, read from {@code source}. */
    public static List<String> lines(PsiModel model, String source) {
        List<String> lines = new ArrayList<>();
        FitInfo fit = model.fit();
        lines.add("Psi model " + source + " (" + model.kind() + ")");
        if (model instanceof FormulaModel formula) {
            lines.add("  lr = " + formula.formula());
        } else {
            NetworkModel network = (NetworkModel) model;
            lines.add("  " + network.describe() + "; gives ln lr, the mean of the members'");
            lines.add("  inputs standardized with mean " + numbers(network.mean()) + " and std "
                    + numbers(network.std()));
        }
        lines.add(String.format(Locale.ROOT, "features (fitted range; beyond it by more than %.0f %% of its width, the "
                + "Psi controller keeps its last rate):", 100 * PsiController.RANGE_MARGIN));
        int width = model.features().stream().mapToInt(feature -> feature.word().length()).max().orElse(0);
        for (PsiFeature feature : model.features()) {
            lines.add(String.format(Locale.ROOT, "  %-" + width + "s  [%s, %s]", feature.word(),
                    number(fit.low(feature)), number(fit.high(feature))));
        }
        lines.add("lr range: [" + number(fit.minLr()) + ", " + number(fit.maxLr()) + "] (the rate is clamped to it)");
        lines.add("fitted on: " + (fit.studies().isEmpty() ? "" : "study " + String.join(", ", fit.studies()) + "; ")
                + (fit.tasks().size() == 1 ? "task " : "tasks ") + String.join(", ", fit.tasks()));
        if (!fit.metrics().isEmpty()) {
            lines.add("metrics:");
            int metricWidth = fit.metrics().keySet().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, Double> metric : fit.metrics().entrySet()) {
                lines.add(String.format(Locale.ROOT, "  %-" + metricWidth + "s  %s", metric.getKey(),
                        metricValue(metric.getKey(), metric.getValue(), fit)));
            }
        }
        if (!fit.pareto().isEmpty()) {
            lines.add("Pareto front (size, RMSE of ln lr, formula; * marks the chosen knee):");
            for (ParetoPoint point : fit.pareto()) {
                boolean chosen = model instanceof FormulaModel formula && formula.formula().equals(point.formula());
                lines.add(String.format(Locale.ROOT, "  %s %4d  %-10s  %s", chosen ? "*" : " ", point.size(),
                        number(point.error()), point.formula()));
            }
        }
        return lines;
    }

    private static String metricValue(String name, double value, FitInfo fit) {
        if (Double.isNaN(value) && name.equals(PsiFitter.LOTO_RMSE) && fit.tasks().size() < 2) {
            return "undefined: fitted on one task, and leaving it out leaves nothing to fit";
        }
        if (Double.isNaN(value)) {
            return "undefined";
        }
        return name.equals(PsiFitter.ROWS) ? String.valueOf((long) value) : number(value);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }

    private static String numbers(double[] values) {
        return Arrays.stream(values).mapToObj(ModelReport::number).toList().toString();
    }
}
