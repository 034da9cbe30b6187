package dev.psi.lab.fit;

import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.result.SurfaceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;

/** Surfaces where the ideal learning rate is known, for checking that the fits recover it. */
final class Synthetic {

    static final int EPOCHS = 20;
    static final double LOSS0 = 2.0;

    private Synthetic() {
    }

    /** The Ψ of the recovery tests: α = 0.3·(ε/ε₀)^0.5·(1 + i)^−0.2. */
    static double psi(double lossRatio, double epoch) {
        return 0.3 * Math.pow(lossRatio, 0.5) * Math.pow(1 + epoch, -0.2);
    }

    /**
     * Oracle rows of one task over a grid of 10 loss ratios from 0.05 to 1 (log-spaced) and epochs 0 to
     * 19, α = truth(ρ, i)·e^(N(0, noise)).
     */
    static List<SurfaceRow> oracle(String task, long datasetSize, DoubleBinaryOperator truth, double noise, long seed) {
        Random random = new Random(seed);
        List<SurfaceRow> rows = new ArrayList<>();
        long trial = Math.abs(task.hashCode()) % 1000;
        for (int r = 0; r < 10; r++) {
            double ratio = Math.exp(Math.log(0.05) * r / 9.0);
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                double lr = truth.applyAsDouble(ratio, epoch) * Math.exp(noise * random.nextGaussian());
                rows.add(row(trial + r, task, "oracle", datasetSize, epoch, ratio, lr, 0.1));
            }
        }
        return rows;
    }

    /**
     * Grid rows of one task whose convergence peaks at a known rate: at each of 6 loss ratios and 20
     * epochs, 7 rates spaced by 0.5 in ln α around ln α*, with r = 0.1 − 0.05·(ln α − ln α*)².
     */
    static List<SurfaceRow> peaked(String task, DoubleBinaryOperator best) {
        List<SurfaceRow> rows = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            double ratio = Math.exp(Math.log(0.05) * r / 5.0);
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                double peak = Math.log(best.applyAsDouble(ratio, epoch));
                for (int k = -3; k <= 3; k++) {
                    double u = peak + 0.5 * k;
                    rows.add(row(100 + k, task, SurfaceRow.GRID, 1000, epoch, ratio, Math.exp(u),
                            0.1 - 0.05 * (u - peak) * (u - peak)));
                }
            }
        }
        return rows;
    }

    static SurfaceRow row(long trialId, String task, String kind, long datasetSize, int epoch, double ratio, double lr,
            double convergence) {
        double loss = LOSS0 * ratio;
        return new SurfaceRow(trialId, "synthetic", task, kind, new TaskFeatures(datasetSize, 1000, 32, "SGD"), EPOCHS,
                LOSS0, epoch, loss, Double.NaN, lr, loss * Math.exp(-convergence), convergence, loss, Double.NaN);
    }
}
