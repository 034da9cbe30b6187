package dev.psi.lab.fit;

import static dev.psi.lab.fit.Term.add;
import static dev.psi.lab.fit.Term.divide;
import static dev.psi.lab.fit.Term.exp;
import static dev.psi.lab.fit.Term.feature;
import static dev.psi.lab.fit.Term.fixed;
import static dev.psi.lab.fit.Term.ln;
import static dev.psi.lab.fit.Term.multiply;
import static dev.psi.lab.fit.Term.parameter;
import static dev.psi.lab.fit.Term.power;
import static dev.psi.lab.fit.Term.subtract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.psi.Expression;
import dev.psi.core.psi.PsiFeature;
import org.junit.jupiter.api.Test;

/** Terms evaluate, differentiate and print consistently. */
class TermTest {

    private static final FitData DATA = FitData.of(Synthetic.oracle("a", 1000, Synthetic::psi, 0.1, 3));

    /** Every operator and function, with parameters inside and outside them. */
    private static final Term TERM = add(
            multiply(parameter(0), ln(add(fixed(1), feature(PsiFeature.EPOCH)))),
            subtract(divide(exp(multiply(parameter(1), feature(PsiFeature.LOG_LOSS_RATIO))), parameter(2)),
                    power(feature(PsiFeature.LOSS_RATIO), parameter(3))));
    private static final double[] P = {-0.7, 0.4, 1.3, -0.25};

    @Test
    void derivativesMatchCentralDifferences() {
        for (int k = 0; k < P.length; k++) {
            double[] exact = TERM.derivative(DATA, P, k)[1];
            double h = 1e-6;
            double[] up = P.clone();
            double[] down = P.clone();
            up[k] += h;
            down[k] -= h;
            double[] plus = TERM.value(DATA, up);
            double[] minus = TERM.value(DATA, down);
            for (int i = 0; i < DATA.size(); i++) {
                double numeric = (plus[i] - minus[i]) / (2 * h);
                assertEquals(numeric, exact[i], 1e-6 * Math.max(1, Math.abs(numeric)), "parameter " + k + ", row " + i);
            }
        }
    }

    @Test
    void textEvaluatesToTheTermsValue() {
        Expression parsed = Expression.parse(TERM.text(P));
        double[] values = TERM.value(DATA, P);
        for (int i = 0; i < DATA.size(); i++) {
            assertEquals(values[i], parsed.evaluate(DATA.allFeatures(i)), 1e-6 * Math.max(1, Math.abs(values[i])));
        }
    }

    @Test
    void negativeNumbersReadNaturally() {
        Term term = add(parameter(0), multiply(parameter(1), feature(PsiFeature.EPOCH)));
        assertEquals("-1.5 - 0.25*epoch", Expression.parse(term.text(new double[] {-1.5, -0.25})).toString());
        // A subterm without features is folded to its value.
        assertEquals("(-1.0)", subtract(fixed(1), fixed(2)).folded(new double[0]));
    }

    @Test
    void numbersKeepSevenDigits() {
        assertEquals("0.1234568", Term.literal(0.123456789));
        assertEquals("1.234568e-5", Term.literal(1.23456789e-5));
        assertThrows(IllegalArgumentException.class, () -> Term.literal(Double.NaN));
    }
}
