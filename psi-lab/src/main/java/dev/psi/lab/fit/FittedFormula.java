package dev.psi.lab.fit;

import dev.psi.core.psi.Expression;
import java.util.Objects;
import java.util.function.Function;

/**
 * A closed form fitted to the data.
 *
 * @param origin how it was found: a {@link Family} word, or {@code symbolic}
 * @param term ln α with free parameters, for refitting (leave-one-task-out)
 * @param parameters the fitted values of the term's parameters
 * @param formula α as an {@link Expression}, the parameters written with 7 significant digits
 * @param error RMSE of ln α, the formula's against the data's, over the fitted rows
 */
record FittedFormula(String origin, Term term, double[] parameters, Expression formula, double error) {

    FittedFormula {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(term, "term");
        parameters = parameters.clone();
        Objects.requireNonNull(formula, "formula");
    }

    /** The fitted parameters; a copy. */
    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    /** The formula's node count ({@link Expression#size()}), the size of the Pareto front. */
    int size() {
        return formula.size();
    }

    /** Fits a term's parameters from {@code start} and measures the formula it gives. */
    static FittedFormula fit(String origin, Term term, double[] start, Function<double[], String> text, FitData data) {
        return fit(origin, term, start, text, data, CurveFit.MAX_EVALUATIONS);
    }

    /** Fits like {@link #fit(String, Term, double[], Function, FitData)} with at most {@code maxEvaluations}. */
    static FittedFormula fit(String origin, Term term, double[] start, Function<double[], String> text, FitData data,
            int maxEvaluations) {
        double[] parameters = CurveFit.fit(term, start, data, maxEvaluations);
        Expression formula = Expression.parse(text.apply(parameters));
        return new FittedFormula(origin, term, parameters, formula, Scores.rmse(Scores.logLr(formula, data),
                data.logLr()));
    }
}
