package dev.psi.lab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.psi.PsiFeature;
import dev.psi.core.result.SurfaceRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parametric families recover known parameters by Levenberg–Marquardt on ln α. */
class CurveFitTest {

    private static FittedFormula fit(Family family, List<SurfaceRow> rows) {
        FitData data = FitData.of(rows);
        return FittedFormula.fit(family.word(), family.term(), family.start(-2), family::formula, data);
    }

    @Test
    void powerFamilyRecoversTheTruthFromNoisyRates() {
        FittedFormula fit = fit(Family.POWER, Synthetic.oracle("a", 1000, Synthetic::psi, 0.05, 7));
        double[] p = fit.parameters();
        double a = Math.exp(p[0]);
        assertEquals(0.3, a, 0.3 * 0.05);
        assertEquals(0.5, p[1], 0.05);
        assertEquals(-0.2, p[2], 0.05);
        // The residual is the noise: its RMSE is close to the noise's 0.05.
        assertEquals(0.05, fit.error(), 0.01);
    }

    @Test
    void everyFamilyRecoversItsOwnFormExactly() {
        double[][] truths = {
            {0.3, 0.5, -0.2},
            {0.2, 0.3, 0.05},
            {0.1, 0.4, 0.8, 1.2},
        };
        Family[] families = {Family.POWER, Family.EXPONENTIAL, Family.HORIZON};
        for (int f = 0; f < families.length; f++) {
            double[] t = truths[f];
            Family family = families[f];
            List<SurfaceRow> rows = Synthetic.oracle("a", 1000, (ratio, epoch) -> switch (family) {
                case POWER -> t[0] * Math.pow(ratio, t[1]) * Math.pow(1 + epoch, t[2]);
                case EXPONENTIAL -> t[0] * Math.pow(ratio, t[1]) * Math.exp(-t[2] * epoch);
                default -> t[0] * Math.pow(ratio, t[1]) * Math.pow(t[3] - epoch / Synthetic.EPOCHS, t[2]);
            }, 0, 1);
            FittedFormula fit = fit(family, rows);
            double[] p = fit.parameters();
            assertEquals(t[0], Math.exp(p[0]), 1e-6, family.word());
            assertEquals(t[1], p[1], 1e-6, family.word());
            assertEquals(t[2], p[2], 1e-6, family.word());
            if (family == Family.HORIZON) {
                assertEquals(t[3], 1 + Math.exp(p[3]), 1e-6);
            }
            // The formula text carries 7 significant digits.
            assertTrue(fit.error() < 1e-5, family.word() + ": " + fit.error());
        }
    }

    @Test
    void rowsWhereTheStartIsUndefinedDoNotStopTheFit() {
        // α = 2 − f fitted as ln(p − f) from p = 0.9, where ln(p − f) is undefined for the last epochs.
        Term term = Term.ln(Term.subtract(Term.parameter(0), Term.feature(PsiFeature.EPOCH_FRACTION)));
        FitData data = FitData.of(Synthetic.oracle("a", 1000, (ratio, epoch) -> 2.0 - epoch / Synthetic.EPOCHS, 0, 1));
        double[] fitted = CurveFit.fit(term, new double[] {0.9}, data);
        assertEquals(2.0, fitted[0], 1e-6);
    }
}
