package dev.psi.lab.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The choice of a formula's size by how well formulas of that size transfer to a family of tasks the search never
 * saw (issue 11, "model selection by transfer").
 *
 * <p>The knee of the Pareto front ({@link ParetoFront#knee}) judges a formula on the rows it was searched on, so a
 * shape that fits the training families' quirks looks as good as one that carries over. Here, for each family f,
 * the whole search runs again on the other families' rows, shape and constants; from its front the most accurate
 * formula of at most s nodes predicts f's rows (clamped to the ln α range it was fitted on, as the {@code Psi}
 * controller clamps). The leave-family-out error of size s is the RMSE of ln α pooled over every row. The chosen
 * size is the smallest whose error is within the knee's tolerances of the least one (5 % relative plus 0.001 in
 * ln α: among sizes that transfer indistinguishably well, the simplest), and the formula is the all-rows front's
 * formula of that size. Cross-validating the size, not the formula, is the usual way to choose a complexity
 * (Hastie, Tibshirani and Friedman, <i>The Elements of Statistical Learning</i>, 2nd ed., §7.10); grouping the
 * folds by family measures the error the study cares about, on a kind of task Ψ never saw.
 *
 * <p>The error of the chosen size is the honest leave-family-out error of the whole procedure but for one
 * choice — the size itself, picked among the front's few sizes with the same folds.
 *
 * @param sizes the sizes of the all-rows front, increasing
 * @param errors the leave-family-out RMSE of ln α of each size, in the order of {@code sizes}; infinite when a
 *     fold predicts no finite rate for some row
 * @param chosen the index of the chosen size
 */
record TransferSelection(List<Integer> sizes, double[] errors, int chosen) {

    /** The fewest families for which a choice by transfer means anything: with two, each fold learns from one. */
    static final int MIN_FAMILIES = 3;

    TransferSelection {
        sizes = List.copyOf(sizes);
        errors = errors.clone();
        if (sizes.size() != errors.length || chosen < 0 || chosen >= errors.length) {
            throw new IllegalArgumentException("one error per size and a chosen index among them");
        }
    }

    /** The leave-family-out errors; a copy. */
    @Override
    public double[] errors() {
        return errors.clone();
    }

    /** The leave-family-out RMSE of ln α of the chosen size. */
    double chosenError() {
        return errors[chosen];
    }

    /** The formula of {@code front} (the all-rows front these sizes came from) at the chosen size. */
    FittedFormula formula(ParetoFront front) {
        return front.points().get(chosen);
    }

    /**
     * Chooses a size of {@code front}.
     *
     * @param front the front searched on all of {@code data}
     * @param data the rows
     * @param familyOf the family of a task name
     * @param search the search that made {@code front}, to run on the rows of the other families
     * @throws IllegalArgumentException if the rows come from fewer than {@value #MIN_FAMILIES} families
     */
    static TransferSelection of(ParetoFront front, FitData data, Function<String, String> familyOf,
            Function<FitData, ParetoFront> search) {
        List<String> families = data.tasks().stream().map(familyOf).distinct().toList();
        if (families.size() < MIN_FAMILIES) {
            throw new IllegalArgumentException("a choice by transfer needs rows of at least " + MIN_FAMILIES
                    + " families, got " + families);
        }
        List<Integer> sizes = front.points().stream().map(FittedFormula::size).toList();
        double[] squares = new double[sizes.size()];
        for (String family : families) {
            FitData train = data.where(task -> !familyOf.apply(task).equals(family));
            FitData test = data.where(task -> familyOf.apply(task).equals(family));
            ParetoFront fold = search.apply(train);
            double[] range = FitData.range(train.logLr());
            for (int s = 0; s < sizes.size(); s++) {
                double[] predicted = Scores.logLr(bestWithin(fold, sizes.get(s)).formula(), test);
                for (int i = 0; i < predicted.length; i++) {
                    double residual = Math.min(Math.max(predicted[i], range[0]), range[1]) - test.logLr()[i];
                    // NaN (no rate) is infinitely wrong, as in Scores.rmse.
                    squares[s] += Double.isNaN(residual) ? Double.POSITIVE_INFINITY : residual * residual;
                }
            }
        }
        double[] errors = Arrays.stream(squares).map(sum -> Math.sqrt(sum / data.size())).toArray();
        return new TransferSelection(sizes, errors, smallestWithinTolerance(errors));
    }

    /** The most accurate formula of at most {@code size} nodes, or the smallest when every one is larger. */
    private static FittedFormula bestWithin(ParetoFront front, int size) {
        List<FittedFormula> within = new ArrayList<>();
        for (FittedFormula point : front.points()) {
            if (point.size() <= size) {
                within.add(point);
            }
        }
        // The front is by increasing size and decreasing error: the last within the budget is the most accurate.
        return within.isEmpty() ? front.points().get(0) : within.get(within.size() - 1);
    }

    private static int smallestWithinTolerance(double[] errors) {
        double best = Arrays.stream(errors).min().orElseThrow();
        if (best == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double acceptable = best * (1 + ParetoFront.RELATIVE_TOLERANCE) + ParetoFront.ABSOLUTE_TOLERANCE;
        for (int s = 0; s < errors.length; s++) {
            if (errors[s] <= acceptable) {
                return s;
            }
        }
        throw new IllegalStateException("the least error is always acceptable");
    }
}
