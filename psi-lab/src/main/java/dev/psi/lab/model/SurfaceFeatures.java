package dev.psi.lab.model;

import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.psi.PsiState;
import dev.psi.core.result.SurfaceRow;
import java.util.List;

/**
 * The features of a surface row, computed exactly as the {@code Psi} controller computes them during
 * training: both go through {@link PsiState} and {@link PsiFeature#value}, so a fitted Ψ sees the same
 * numbers in the fit and in use.
 */
public final class SurfaceFeatures {

    private SurfaceFeatures() {
    }

    /** The state at the start of the row's epoch: i, E, ε_i / ε₀ and the task. */
    public static PsiState state(SurfaceRow row) {
        return new PsiState(row.epoch(), row.epochs(), row.lossRatio(), task(row));
    }

    /** What the row says of its task: the {@link TaskFeatures} the controller is given in training. */
    public static TaskFeatures task(SurfaceRow row) {
        return row.features();
    }

    /** The values of {@code features} for the row, in that order. */
    public static double[] values(List<PsiFeature> features, SurfaceRow row) {
        return PsiFeature.values(features, state(row));
    }

    /** One row of {@link #values} per surface row: the design matrix of a fit. */
    public static double[][] matrix(List<PsiFeature> features, List<SurfaceRow> rows) {
        double[][] matrix = new double[rows.size()][];
        for (int r = 0; r < matrix.length; r++) {
            matrix[r] = values(features, rows.get(r));
        }
        return matrix;
    }
}
