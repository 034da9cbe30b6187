package dev.psi.lab.model;

import static dev.psi.core.psi.PsiFeature.EPOCH;
import static dev.psi.core.psi.PsiFeature.LOSS_RATIO;

import dev.psi.core.psi.Expression;
import dev.psi.core.psi.FitInfo;
import dev.psi.core.psi.FormulaModel;
import dev.psi.core.psi.NetworkModel;
import dev.psi.core.psi.NetworkModel.Activation;
import dev.psi.core.psi.NetworkModel.Layer;
import dev.psi.core.psi.NetworkModel.Member;
import dev.psi.core.psi.ParetoPoint;
import dev.psi.core.psi.PsiFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Models the file tests write and read. */
final class Models {

    private Models() {
    }

    static Map<PsiFeature, double[]> ranges() {
        return Map.of(LOSS_RATIO, new double[] {0.05, 1}, EPOCH, new double[] {0, 9});
    }

    /** The formula of the issue, with every optional part of the file filled in. */
    static FormulaModel formula() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loto_rmse_log_lr", 0.3);
        metrics.put("r2", 0.8);
        metrics.put("spearman", Double.NaN);
        List<ParetoPoint> pareto = List.of(
                new ParetoPoint(3, 0.52, Expression.parse("0.2*loss_ratio")),
                new ParetoPoint(12, 0.31, Expression.parse("0.3*loss_ratio^0.5*(1 + epoch)^-0.2")));
        var fit = new FitInfo(1e-3, 0.5, ranges(), metrics, List.of("s1"), List.of("fmnist-mlp", "digits-mlp"), pareto);
        return FormulaModel.of(Expression.parse("0.3*loss_ratio^0.5*(1 + epoch)^-0.2"), fit);
    }

    /** Two members of 2 → 3 tanh → 1, with weights that are not short decimals. */
    static NetworkModel network() {
        Member first = new Member(List.of(
                new Layer(new double[][] {{0.1, 1.0 / 3}, {-Math.PI, 2e-300}, {0, -0.5}}, new double[] {0.25, -1, 1e-7},
                        Activation.TANH),
                new Layer(new double[][] {{1, 2, 3}}, new double[] {-4.6}, Activation.LINEAR)));
        Member second = new Member(List.of(
                new Layer(new double[][] {{0.2, 0.3}, {Math.E, 1}, {7, -0.125}}, new double[] {0, 0, 0},
                        Activation.TANH),
                new Layer(new double[][] {{-1, 0.5, 1.5}}, new double[] {-3.9}, Activation.LINEAR)));
        var fit = new FitInfo(1e-4, 1, ranges(), Map.of("loto_rmse_log_lr", 0.41), List.of("s1"), List.of("fmnist-mlp"),
                List.of());
        return new NetworkModel(List.of(LOSS_RATIO, EPOCH), new double[] {0.4, 4.5}, new double[] {0.3, 2.9},
                List.of(first, second), fit);
    }
}
