package dev.psi.lab.fit;

import dev.psi.core.psi.Expression;
import dev.psi.core.psi.PsiModel;

/** Predictions of ln α over fitting data, and the scores of DESIGN.md's "Fit Ψ" step computed from them. */
final class Scores {

    private Scores() {
    }

    /** ln of the formula's α at every row. */
    static double[] logLr(Expression formula, FitData data) {
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.log(formula.evaluate(data.allFeatures(i)));
        }
        return out;
    }

    /**
     * ln of the model's α at every row, clamped to the model's {@code [minLr, maxLr]} as the {@code Psi}
     * controller clamps it: the rate a training run would get.
     */
    static double[] clampedLogLr(PsiModel model, FitData data) {
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            double lr = model.learningRate(data.featureRow(i, model.features()));
            out[i] = Math.log(model.fit().clamp(lr));
        }
        return out;
    }

    /** Root mean square of predicted − actual; infinite if a prediction is not finite. */
    static double rmse(double[] predicted, double[] actual) {
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            double residual = predicted[i] - actual[i];
            sum += residual * residual;
        }
        return Double.isFinite(sum) ? Math.sqrt(sum / predicted.length) : Double.POSITIVE_INFINITY;
    }

    /** The coefficient of determination 1 − SS_res / SS_tot; {@code NaN} when the actual values are all equal. */
    static double r2(double[] predicted, double[] actual) {
        double mean = 0;
        for (double value : actual) {
            mean += value / actual.length;
        }
        double residual = 0;
        double total = 0;
        for (int i = 0; i < actual.length; i++) {
            residual += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
            total += (actual[i] - mean) * (actual[i] - mean);
        }
        return total == 0 ? Double.NaN : 1 - residual / total;
    }
}
