package dev.psi.core.psi;

import java.io.Serializable;
import java.util.Objects;

/**
 * One formula of the Pareto front of a symbolic-regression fit: no other candidate found was both
 * smaller and more accurate. Kept with the model so that a reader can see what a simpler or a more
 * complex Ψ would have cost.
 *
 * @param size the candidate's size, as the fitter measured it (node count)
 * @param error its validation error, as the fitter measured it
 * @param formula the formula
 */
public record ParetoPoint(int size, double error, Expression formula) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ParetoPoint {
        if (size < 1) {
            throw new IllegalArgumentException("a Pareto formula's size must be >= 1, got " + size);
        }
        Objects.requireNonNull(formula, "formula");
    }
}
