package dev.psi.lab.fit;

import dev.psi.core.psi.Expression;
import dev.psi.core.psi.PsiFeature;
import dev.psi.train.task.family.TaskFamilies;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The closed-form fit of {@code psi fit --kind formula}: every {@link Family} the chosen features allow,
 * fitted by least squares, and the programs of a {@link SymbolicRegression} search over the chosen
 * features, pooled into one {@link ParetoFront} of size against error, from which the knee is chosen.
 *
 * <p>Two kinds of candidate never reach the front, however small their error:
 * <ul>
 *   <li>one with as many free parameters as there are rows (more than one), which interpolates the data
 *       rather than fitting it: its error says nothing;
 *   <li>one that is not a positive finite rate everywhere the {@code Psi} controller may ask: at every
 *       row, at every row half an epoch on (where {@code interval=step} asks), and at every corner of the
 *       box of the fitted ranges of the features it reads. Symbolic regression finds formulas such as
 *       a·(−1)^epoch, exact on whole epochs and undefined between them.
 * </ul>
 */
final class FormulaFit {

    private FormulaFit() {
    }

    /**
     * @param front the Pareto front over families and programs
     * @param chosen the formula chosen from it: by transfer when there is a selection, else the knee
     * @param selection the choice of size by leave-family-out error, when the rows come from at least
     *     {@value TransferSelection#MIN_FAMILIES} families
     */
    record Result(ParetoFront front, FittedFormula chosen, Optional<TransferSelection> selection) {
    }

    static Result fit(FitData data, List<PsiFeature> features, SymbolicRegression.Settings search, long seed) {
        ParetoFront front = front(data, features, search, seed);
        if (data.tasks().stream().map(TaskFamilies::familyOf).distinct().count() < TransferSelection.MIN_FAMILIES) {
            return new Result(front, front.knee(), Optional.empty());
        }
        TransferSelection selection = TransferSelection.of(front, data, TaskFamilies::familyOf,
                rest -> front(rest, features, search, seed));
        return new Result(front, selection.formula(front), Optional.of(selection));
    }

    /** The Pareto front of every family and searched program that fits {@code data} usably. */
    private static ParetoFront front(FitData data, List<PsiFeature> features, SymbolicRegression.Settings search,
            long seed) {
        List<FittedFormula> candidates = new ArrayList<>(families(data, features));
        candidates.addAll(SymbolicRegression.search(data, features, search, seed));
        candidates.removeIf(candidate -> interpolates(candidate, data) || !usableEverywhere(candidate.formula(), data));
        return ParetoFront.of(candidates);
    }

    /** Whether the formula gives a positive finite α at the rows, half an epoch on, and the corners of its box. */
    static boolean usableEverywhere(Expression formula, FitData data) {
        for (int i = 0; i < data.size(); i++) {
            boolean atRow = usable(formula.evaluate(data.allFeatures(i)));
            if (!atRow || !usable(formula.evaluate(data.allFeaturesAt(i, 0.5)))) {
                return false;
            }
        }
        List<PsiFeature> read = new ArrayList<>(formula.features());
        double[] corner = data.size() == 0 ? new double[PsiFeature.all().size()] : data.allFeatures(0);
        for (int mask = 0; mask < 1 << read.size(); mask++) {
            for (int k = 0; k < read.size(); k++) {
                double[] range = data.range(read.get(k));
                corner[read.get(k).ordinal()] = (mask >> k & 1) == 0 ? range[0] : range[1];
            }
            if (!usable(formula.evaluate(corner))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the candidate has as many free parameters as there are rows; a constant α never does. */
    private static boolean interpolates(FittedFormula candidate, FitData data) {
        int parameters = candidate.term().maxParameter() + 1;
        return parameters > 1 && parameters >= data.size();
    }

    private static boolean usable(double lr) {
        return lr > 0 && Double.isFinite(lr);
    }

    /** Every family the features allow, fitted. */
    static List<FittedFormula> families(FitData data, List<PsiFeature> features) {
        EnumSet<PsiFeature> allowed = EnumSet.noneOf(PsiFeature.class);
        allowed.addAll(features);
        double meanLogLr = 0;
        for (double value : data.logLr()) {
            meanLogLr += value / data.size();
        }
        List<FittedFormula> fitted = new ArrayList<>();
        for (Family family : Family.values()) {
            if (family.allowed(allowed)) {
                fitted.add(FittedFormula.fit(family.word(), family.term(), family.start(meanLogLr), family::formula,
                        data));
            }
        }
        return fitted;
    }
}
