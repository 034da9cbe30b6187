package dev.psi.core.psi;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A fitted Ψ: a function from the values of some {@link PsiFeature}s to the learning rate α, with what
 * its fit knew of where it may be trusted ({@link FitInfo}). Stored as a file by the lab and run by
 * {@link PsiController}. Implementations are immutable and serializable: the controller, and with it
 * the model, is part of every checkpoint of a trial.
 */
public sealed interface PsiModel extends Serializable permits FormulaModel, NetworkModel {

    /** {@code formula} or {@code network}, the kind in the model file. */
    String kind();

    /** The inputs, in the order {@link #learningRate(double[])} takes their values. */
    List<PsiFeature> features();

    /** The ranges, scores and provenance of the fit. */
    FitInfo fit();

    /**
     * α for these feature values, unclamped: the model's own answer, which may be outside
     * {@code [minLr, maxLr]} or not finite.
     *
     * @param featureValues one value per feature of {@link #features()}, in that order
     */
    double learningRate(double[] featureValues);

    /** α in this state, unclamped. */
    default double learningRate(PsiState state) {
        return learningRate(PsiFeature.values(features(), state));
    }

    /** One line a person can read: the formula, or the network's shape. */
    String describe();

    /** The smallest α the fit saw. */
    default double minLr() {
        return fit().minLr();
    }

    /** The largest α the fit saw. */
    default double maxLr() {
        return fit().maxLr();
    }

    /** For each feature, {@code [min, max]} of its values in the fitted data. */
    default Map<PsiFeature, double[]> featureRanges() {
        return fit().featureRanges();
    }

    /** Validation scores by name, e.g. {@code loto_rmse_log_lr} and {@code r2}. */
    default Map<String, Double> metrics() {
        return fit().metrics();
    }

    /** The studies whose surface was fitted. */
    default List<String> studies() {
        return fit().studies();
    }
}
