package dev.psi.lab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.psi.PsiFeature;
import io.jenetics.prog.op.MathExpr;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Symbolic regression finds the known Ψ on noise-free data, quickly and reproducibly. */
class SymbolicRegressionTest {

    /** A small search: one population of 300 for 50 generations, about half a second. */
    private static final SymbolicRegression.Settings SMALL = new SymbolicRegression.Settings(300, 50, 25, 4, 1);
    private static final List<PsiFeature> FEATURES = List.of(PsiFeature.LOG_LOSS_RATIO, PsiFeature.EPOCH);
    private static final FitData NOISE_FREE = FitData.of(Synthetic.oracle("a", 1000, Synthetic::psi, 0, 1));

    @Test
    void findsTheFormulaOnNoiseFreeData() {
        ParetoFront front = ParetoFront.of(SymbolicRegression.search(NOISE_FREE, FEATURES, SMALL, 2));
        FittedFormula knee = front.knee();
        assertTrue(knee.error() < 1e-3, knee.formula() + ": " + knee.error());
        // exp(ln 0.3 + 0.5 ln ρ − 0.2 ln(1 + i)) in some arrangement: the truth at a point off the grid.
        double[] values = new double[PsiFeature.all().size()];
        values[PsiFeature.LOG_LOSS_RATIO.ordinal()] = Math.log(0.07);
        values[PsiFeature.EPOCH.ordinal()] = 30;
        assertEquals(Synthetic.psi(0.07, 30), knee.formula().evaluate(values), 1e-3 * Synthetic.psi(0.07, 30));
    }

    @Test
    void sameSeedSameFront() {
        List<FittedFormula> first = ParetoFront.of(SymbolicRegression.search(NOISE_FREE, FEATURES, SMALL, 5)).points();
        List<FittedFormula> second = ParetoFront.of(SymbolicRegression.search(NOISE_FREE, FEATURES, SMALL, 5)).points();
        assertEquals(first.stream().map(FittedFormula::formula).toList(),
                second.stream().map(FittedFormula::formula).toList());
    }

    @Test
    void theFrontTradesSizeForError() {
        List<FittedFormula> front = ParetoFront.of(SymbolicRegression.search(NOISE_FREE, FEATURES, SMALL, 2)).points();
        for (int k = 1; k < front.size(); k++) {
            assertTrue(front.get(k).size() > front.get(k - 1).size());
            assertTrue(front.get(k).error() < front.get(k - 1).error());
        }
    }

    @Test
    void programsThatAreNotFiniteLose() {
        double[][] columns = {{0, 1, 2}};
        double[] target = {1, 2, 3};
        assertEquals(Double.POSITIVE_INFINITY, SymbolicRegression.error(
                MathExpr.parseTree("log(x)"), columns, target));
        assertEquals(0, SymbolicRegression.error(MathExpr.parseTree("x"), columns, target), 1e-9);
    }
}
