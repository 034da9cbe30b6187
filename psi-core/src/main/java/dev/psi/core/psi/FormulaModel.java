package dev.psi.core.psi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A closed-form Ψ: α = f(features), f an {@link Expression} found by curve fitting or symbolic
 * regression, e.g. {@code 0.3*loss_ratio^0.5*(1 + epoch)^-0.2}.
 */
public final class FormulaModel implements PsiModel {

    private static final long serialVersionUID = 1L;

    private final Expression formula;
    private final List<PsiFeature> features;
    private final FitInfo fit;

    /**
     * @param formula gives α
     * @param features the model's inputs: those the formula reads, and possibly others whose range
     *     the controller should also keep to
     * @param fit the ranges (one per feature), scores and provenance of the fit
     * @throws IllegalArgumentException if the formula reads a feature not listed, a feature repeats, or
     *     the ranges do not match the features
     */
    public FormulaModel(Expression formula, List<PsiFeature> features, FitInfo fit) {
        this.formula = Objects.requireNonNull(formula, "formula");
        this.fit = Objects.requireNonNull(fit, "fit");
        this.features = Models.checkedFeatures(features, fit);
        for (PsiFeature used : formula.features()) {
            if (!this.features.contains(used)) {
                throw new IllegalArgumentException("the formula reads " + used.word() + ", which is not among the "
                        + "features " + Models.words(this.features));
            }
        }
    }

    /** A model whose features are exactly those the formula reads, in declaration order. */
    public static FormulaModel of(Expression formula, FitInfo fit) {
        return new FormulaModel(formula, new ArrayList<>(formula.features()), fit);
    }

    public Expression formula() {
        return formula;
    }

    @Override
    public String kind() {
        return "formula";
    }

    @Override
    public List<PsiFeature> features() {
        return features;
    }

    @Override
    public FitInfo fit() {
        return fit;
    }

    @Override
    public double learningRate(double[] featureValues) {
        Models.checkLength(featureValues, features);
        double[] byOrdinal = new double[PsiFeature.all().size()];
        for (int k = 0; k < featureValues.length; k++) {
            byOrdinal[features.get(k).ordinal()] = featureValues[k];
        }
        return formula.evaluate(byOrdinal);
    }

    /** The formula's canonical text. */
    @Override
    public String describe() {
        return formula.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FormulaModel that && formula.equals(that.formula) && features.equals(that.features)
                && fit.equals(that.fit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(formula, features, fit);
    }

    @Override
    public String toString() {
        return "FormulaModel[" + formula + ", features=" + Models.words(features) + "]";
    }
}
