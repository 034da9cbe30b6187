package dev.psi.lab.fit;

import dev.psi.core.psi.PsiFeature;
import dev.psi.core.psi.PsiState;
import dev.psi.lab.model.SurfaceFeatures;
import dev.psi.core.result.SurfaceRow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The rows Ψ is fitted to, as columns: every {@link PsiFeature} of each row's state, ln α, and the
 * task the row came from (for leave-one-task-out validation).
 *
 * <p>A row's state is {@link SurfaceFeatures#state}, so that the features are computed exactly as the
 * {@code Psi} controller computes them during training.
 * The arrays are shared inside the package and never written after construction.
 */
public final class FitData {

    private final List<SurfaceRow> rows;
    private final double[][] features;
    private final double[] logLr;
    private final String[] tasks;

    private FitData(List<SurfaceRow> rows) {
        this.rows = List.copyOf(rows);
        int n = this.rows.size();
        List<PsiFeature> all = PsiFeature.all();
        this.features = new double[all.size()][n];
        this.logLr = new double[n];
        this.tasks = new String[n];
        for (int i = 0; i < n; i++) {
            SurfaceRow row = this.rows.get(i);
            PsiState state = SurfaceFeatures.state(row);
            for (PsiFeature feature : all) {
                features[feature.ordinal()][i] = feature.value(state);
            }
            logLr[i] = Math.log(row.lr());
            tasks[i] = row.task();
        }
    }

    /**
     * The fitting data of {@code rows}.
     *
     * @throws IllegalArgumentException if a row has a non-positive or non-finite α, ε₀ or ε_i: such a
     *     row has no state and no ln α
     */
    public static FitData of(List<SurfaceRow> rows) {
        Objects.requireNonNull(rows, "rows");
        for (SurfaceRow row : rows) {
            if (!usable(row)) {
                throw new IllegalArgumentException("surface row of trial " + row.trialId() + ", epoch " + row.epoch()
                        + " has no usable state: lr " + row.lr() + ", loss " + row.loss() + ", loss0 " + row.loss0());
            }
        }
        return new FitData(rows);
    }

    /** Whether a row has a state and a learning rate to fit: α, ε₀ and ε_i positive and finite. */
    static boolean usable(SurfaceRow row) {
        return positive(row.lr()) && positive(row.loss()) && positive(row.loss0());
    }

    private static boolean positive(double value) {
        return value > 0 && Double.isFinite(value);
    }

    public int size() {
        return rows.size();
    }

    public List<SurfaceRow> rows() {
        return rows;
    }

    /** The tasks of the rows, each once, in order of first appearance. */
    public List<String> tasks() {
        return List.copyOf(new LinkedHashSet<>(List.of(tasks)));
    }

    /** The rows whose task passes {@code filter}. */
    public FitData where(Predicate<String> filter) {
        List<SurfaceRow> kept = new ArrayList<>();
        for (SurfaceRow row : rows) {
            if (filter.test(row.task())) {
                kept.add(row);
            }
        }
        return new FitData(kept);
    }

    /** A feature of every row; shared, not copied. */
    double[] column(PsiFeature feature) {
        return features[feature.ordinal()];
    }

    /** ln α of every row; shared, not copied. */
    double[] logLr() {
        return logLr;
    }

    /** The values of {@code chosen} for one row, in that order. */
    double[] featureRow(int row, List<PsiFeature> chosen) {
        double[] out = new double[chosen.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = features[chosen.get(k).ordinal()][row];
        }
        return out;
    }

    /** The value of every feature for one row, indexed by {@link PsiFeature#ordinal()}. */
    double[] allFeatures(int row) {
        double[] out = new double[features.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = features[k][row];
        }
        return out;
    }

    /**
     * The value of every feature for one row's state moved {@code shift} epochs on, its loss unchanged:
     * the state a controller that recomputes α every step sees within the epoch.
     */
    double[] allFeaturesAt(int row, double shift) {
        SurfaceRow surfaceRow = rows.get(row);
        PsiState state = new PsiState(surfaceRow.epoch() + shift, surfaceRow.epochs(), surfaceRow.lossRatio(),
                SurfaceFeatures.task(surfaceRow));
        return PsiFeature.values(PsiFeature.all(), state);
    }

    /** Smallest and largest value of a feature over the rows. */
    double[] range(PsiFeature feature) {
        return range(column(feature));
    }

    static double[] range(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new double[] {min, max};
    }
}
