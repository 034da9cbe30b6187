package dev.psi.lab.fit;

import dev.psi.core.psi.FitInfo;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.psi.PsiModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ψ as a heat map over the loss ratio ε/ε₀ and the epoch i: the picture of DESIGN.md's report, "Ψ as a
 * contour over (ε, i)". Each cell is log₁₀ of the rate the {@code Psi} controller would set there, that
 * is Ψ clamped to the model's {@code [minLr, maxLr]}.
 *
 * <p>The axes span the fitted ranges: the loss ratio (from {@code loss_ratio} or {@code log_loss_ratio},
 * log-spaced) and the epoch. When the model reads both {@code epoch} and {@code epoch_fraction}, the
 * budget E is taken as max(epoch) / max(epoch_fraction) of the fitted ranges, so that a cell's fraction is
 * i / E; when it reads only {@code epoch_fraction}, that is the horizontal axis. Every other feature
 * (task descriptors) is held at the middle of its fitted range, as the title says.
 *
 * <p>This class computes the values; {@code dev.psi.lab.report.PsiMapPlot} draws them.
 */
public final class PsiMap {

    private static final int COLUMNS = 40;
    private static final int ROWS = 30;

    private PsiMap() {
    }

    /**
     * The values drawn.
     *
     * @param xTitle what the horizontal axis is
     * @param x its values, increasing
     * @param lossRatios the vertical axis, increasing
     * @param lr α at {@code [row][column]}, clamped
     * @param held the features held fixed and their values, e.g. {@code log_batch_size = 4.85}; empty if none
     */
    public record Grid(String xTitle, double[] x, double[] lossRatios, double[][] lr, String held) {
    }

    /** Ψ of {@code model} over the fitted ranges. */
    public static Grid grid(PsiModel model) {
        FitInfo fit = model.fit();
        List<PsiFeature> features = model.features();
        boolean epoch = features.contains(PsiFeature.EPOCH);
        boolean fraction = features.contains(PsiFeature.EPOCH_FRACTION);
        double[] x;
        String xTitle;
        if (epoch || !fraction) {
            x = epoch ? axis(fit.low(PsiFeature.EPOCH), fit.high(PsiFeature.EPOCH)) : axis(0, 19);
            xTitle = "epoch i";
        } else {
            x = linear(fit.low(PsiFeature.EPOCH_FRACTION), fit.high(PsiFeature.EPOCH_FRACTION), COLUMNS);
            xTitle = "epoch fraction i/E";
        }
        double budget = epoch && fraction && fit.high(PsiFeature.EPOCH_FRACTION) > 0
                ? fit.high(PsiFeature.EPOCH) / fit.high(PsiFeature.EPOCH_FRACTION) : Double.NaN;
        double[] ratio = lossRatioRange(fit, features);
        double[] ratios = new double[ROWS];
        for (int r = 0; r < ROWS; r++) {
            ratios[r] = Math.exp(Math.log(ratio[0]) + (Math.log(ratio[1]) - Math.log(ratio[0])) * r / (ROWS - 1));
        }
        List<String> held = new ArrayList<>();
        for (PsiFeature feature : features) {
            if (!isAxis(feature)) {
                held.add(feature.word() + " = " + String.format(Locale.ROOT, "%.3g", middle(fit, feature)));
            }
        }
        double[][] lr = new double[ROWS][x.length];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < x.length; c++) {
                double[] values = new double[features.size()];
                for (int k = 0; k < values.length; k++) {
                    PsiFeature feature = features.get(k);
                    values[k] = switch (feature) {
                        case LOSS_RATIO -> ratios[r];
                        case LOG_LOSS_RATIO -> Math.log(ratios[r]);
                        case EPOCH -> x[c];
                        case EPOCH_FRACTION -> epoch ? x[c] / budget : x[c];
                        default -> middle(fit, feature);
                    };
                }
                lr[r][c] = fit.clamp(model.learningRate(values));
            }
        }
        return new Grid(xTitle, x, ratios, lr, String.join(", ", held));
    }

    private static double middle(FitInfo fit, PsiFeature feature) {
        return (fit.low(feature) + fit.high(feature)) / 2;
    }

    private static boolean isAxis(PsiFeature feature) {
        return feature == PsiFeature.LOSS_RATIO || feature == PsiFeature.LOG_LOSS_RATIO || feature == PsiFeature.EPOCH
                || feature == PsiFeature.EPOCH_FRACTION;
    }

    /** Every whole epoch of the range if there are few, else evenly spaced values. */
    private static double[] axis(double low, double high) {
        if (high - low <= COLUMNS && low == Math.rint(low) && high == Math.rint(high)) {
            return linear(low, high, (int) (high - low) + 1);
        }
        return linear(low, high, COLUMNS);
    }

    private static double[] linear(double low, double high, int count) {
        double[] values = new double[count];
        for (int k = 0; k < count; k++) {
            values[k] = count == 1 ? low : low + (high - low) * k / (count - 1);
        }
        return values;
    }

    /** [min, max] of ε/ε₀ in the fit; [0.01, 1] if the model reads no loss feature. */
    private static double[] lossRatioRange(FitInfo fit, List<PsiFeature> features) {
        if (features.contains(PsiFeature.LOSS_RATIO)) {
            return new double[] {fit.low(PsiFeature.LOSS_RATIO), fit.high(PsiFeature.LOSS_RATIO)};
        }
        if (features.contains(PsiFeature.LOG_LOSS_RATIO)) {
            return new double[] {Math.exp(fit.low(PsiFeature.LOG_LOSS_RATIO)),
                Math.exp(fit.high(PsiFeature.LOG_LOSS_RATIO))};
        }
        return new double[] {0.01, 1};
    }
}
