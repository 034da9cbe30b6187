package dev.psi.lab.fit;

import dev.psi.core.psi.PsiModel;
import java.util.Objects;

/**
 * The outcome of {@link PsiFitter#fit}.
 *
 * @param model the fitted Ψ with its ranges, scores, provenance and (for formulas) Pareto front
 * @param kind what was fitted
 * @param rule which surface rows were the target
 * @param targetRows how many rows were the target
 * @param surfaceRows how many rows the study's surface has
 * @param seconds wall-clock time of the fit, validation included
 */
public record PsiFit(PsiModel model, FitKind kind, TargetRows.Rule rule, int targetRows, int surfaceRows,
        double seconds) {

    public PsiFit {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
    }
}
