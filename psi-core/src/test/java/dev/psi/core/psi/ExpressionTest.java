package dev.psi.core.psi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.spec.SpecException;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing, evaluating and printing formulas over the Ψ features. */
class ExpressionTest {

    private static double value(String formula) {
        return Expression.parse(formula).evaluate(Map.of());
    }

    private static String canonical(String formula) {
        return Expression.parse(formula).toString();
    }

    private static String error(String formula) {
        return assertThrows(SpecException.class, () -> Expression.parse(formula)).getMessage();
    }

    @Test
    void numbersTakeDecimalsAndExponents() {
        assertEquals(0.001, value("1e-3"));
        assertEquals(250.0, value("2.5E+2"));
        assertEquals(0.5, value(".5"));
    }

    @Test
    void productsBindTighterThanSums() {
        assertEquals(7.0, value("1 + 2*3"));
    }

    @Test
    void subtractionAndDivisionAreLeftAssociative() {
        assertEquals(3.0, value("10 - 4 - 3"));
        assertEquals(1.0, value("8/4/2"));
    }

    @Test
    void powerIsRightAssociative() {
        assertEquals(512.0, value("2^3^2"));
    }

    @Test
    void unaryMinusBindsLooserThanPower() {
        assertEquals(-4.0, value("-2^2"));
        assertEquals(4.0, value("(-2)^2"));
    }

    @Test
    void anExponentMayBeNegatedWithoutParentheses() {
        assertEquals(0.5, value("4^-0.5"));
        assertEquals(0.25, value("2^-1*0.5"));
    }

    @Test
    void unaryMinusBindsTighterThanProducts() {
        assertEquals(-6.0, value("-2*3"));
        assertEquals(5.0, value("2 - -3"));
    }

    @Test
    void parenthesesGroup() {
        assertEquals(9.0, value("(1 + 2)*3"));
    }

    @Test
    void functionsAreNaturalLogExpSqrtAndPow() {
        assertEquals(Math.log(10), value("ln(10)"));
        assertEquals(Math.log(10), value("log(10)"));
        assertEquals(Math.exp(0.5), value("exp(0.5)"));
        assertEquals(4.0, value("sqrt(16)"));
        assertEquals(1024.0, value("pow(2, 10)"));
    }

    @Test
    void featuresAreReadByName() {
        Expression e = Expression.parse("0.3*loss_ratio^0.5*(1 + epoch)^-0.2");

        assertEquals(0.3 * Math.pow(0.25, 0.5) * Math.pow(1 + 3.0, -0.2),
                e.evaluate(Map.of(PsiFeature.LOSS_RATIO, 0.25, PsiFeature.EPOCH, 3.0)));
        assertEquals(EnumSet.of(PsiFeature.LOSS_RATIO, PsiFeature.EPOCH), e.features());
    }

    @Test
    void anArrayGivesOneValuePerFeatureByOrdinal() {
        double[] values = new double[PsiFeature.all().size()];
        values[PsiFeature.EPOCH_FRACTION.ordinal()] = 0.5;
        values[PsiFeature.LOG_BATCH_SIZE.ordinal()] = 3;

        assertEquals(1.5, Expression.parse("epoch_fraction*log_batch_size").evaluate(values));
    }

    @Test
    void aMissingFeatureValueIsNamed() {
        var e = Expression.parse("loss_ratio + epoch");
        var thrown = assertThrows(IllegalArgumentException.class, () -> e.evaluate(Map.of(PsiFeature.EPOCH, 1.0)));

        assertEquals("no value for loss_ratio in loss_ratio + epoch", thrown.getMessage());
    }

    @Test
    void sizeCountsEveryNode() {
        assertEquals(12, Expression.parse("0.3*loss_ratio^0.5*(1 + epoch)^-0.2").size());
        assertEquals(1, Expression.parse("epoch").size());
        assertEquals(3, Expression.parse("pow(epoch, 2)").size());
    }

    @Test
    void canonicalTextHasOnlyTheNeededParentheses() {
        assertEquals("0.3*loss_ratio^0.5*(1 + epoch)^-0.2", canonical(" 0.3 * loss_ratio ^ (0.5) * ((1+epoch))^(-0.2)"));
        assertEquals("epoch - loss_ratio - 2", canonical("(epoch - loss_ratio) - 2"));
        assertEquals("epoch - (loss_ratio - 2)", canonical("epoch - (loss_ratio - 2)"));
        assertEquals("epoch/(loss_ratio*2)", canonical("epoch/(loss_ratio*2)"));
        assertEquals("(epoch^2)^3", canonical("(epoch^2)^3"));
        assertEquals("epoch^2^3", canonical("epoch^(2^3)"));
        assertEquals("-epoch^2", canonical("-(epoch^2)"));
        assertEquals("(-epoch)^2", canonical("(-epoch)^2"));
        assertEquals("-(epoch + 1)", canonical("-(epoch + 1)"));
        assertEquals("-(-epoch)", canonical("--epoch"));
        assertEquals("epoch + -1", canonical("epoch + -1"));
    }

    @Test
    void canonicalTextSpellsLogAsLnAndPowAsCaret() {
        assertEquals("ln(loss_ratio)", canonical("log(loss_ratio)"));
        assertEquals("(1 + epoch)^0.5", canonical("pow(1 + epoch, 0.5)"));
        assertEquals("exp(-epoch)*sqrt(loss_ratio)", canonical("exp(-epoch) * sqrt(loss_ratio)"));
    }

    @Test
    void canonicalNumbersRoundTrip() {
        assertEquals("2", canonical("2.0"));
        assertEquals("0.001", canonical("1e-3"));
        assertEquals("1.0e-4", canonical("1e-4"));
        assertEquals("1.0e20", canonical("1e20"));
        assertEquals(1e-4, value(canonical("1e-4")));
    }

    @Test
    void canonicalTextParsesBackToAnEqualExpression() {
        String[] formulas = {
            "0.3*loss_ratio^0.5*(1 + epoch)^-0.2", "-epoch^2", "2^-epoch^2",
            "(epoch - 1)/(epoch + 1)", "epoch - -loss_ratio", "ln(1 + exp(-log_loss_ratio))*0.1234567891234",
            "(-(epoch))^-(2)", "pow(pow(epoch, 2), 3)", "1/3*epoch_fraction - adaptive_optimizer*1e-7",
        };
        for (String formula : formulas) {
            Expression parsed = Expression.parse(formula);
            assertEquals(parsed, Expression.parse(parsed.toString()), formula);
            assertEquals(parsed.toString(), Expression.parse(parsed.toString()).toString(), formula);
        }
    }

    @Test
    void unknownNameGivesPositionAndValidNames() {
        assertEquals("formula '0.3*los_ratio': unknown name 'los_ratio' at position 5; valid: loss_ratio, "
                + "log_loss_ratio, epoch, epoch_fraction, log_dataset_size, log_parameter_count, log_batch_size, "
                + "adaptive_optimizer, log_batch_fraction, log_effective_step (functions: ln, log, exp, sqrt, pow)",
                error("0.3*los_ratio"));
    }

    @Test
    void unknownFunctionListsTheFunctions() {
        assertEquals("formula 'sin(epoch)': unknown function 'sin' at position 1; valid: ln, log, exp, sqrt, pow",
                error("sin(epoch)"));
    }

    @Test
    void aFeatureIsNotAFunction() {
        assertEquals("formula '2*epoch(1)': 'epoch' at position 3 is a feature, not a function", error("2*epoch(1)"));
    }

    @Test
    void aFunctionNeedsItsArgument() {
        assertEquals("formula 'ln + 1': function 'ln' at position 1 needs its argument: ln(...)", error("ln + 1"));
    }

    @Test
    void functionsCheckTheirArgumentCount() {
        assertEquals("formula 'pow(epoch)': pow at position 1 takes 2 arguments, got 1", error("pow(epoch)"));
        assertEquals("formula 'exp(1, 2)': exp at position 1 takes 1 argument, got 2", error("exp(1, 2)"));
    }

    @Test
    void unbalancedParenthesesAreNamed() {
        assertEquals("formula '(1 + epoch': missing ')' for the '(' at position 1; found the end at position 11",
                error("(1 + epoch"));
        assertEquals("formula '1 + epoch)': unexpected ')' at position 10", error("1 + epoch)"));
    }

    @Test
    void aFormulaMayNotEndAfterAnOperator() {
        assertEquals("formula '0.3*': ends early; expected a number, a name or '(' at position 5", error("0.3*"));
    }

    @Test
    void aStrayCharacterIsNamed() {
        assertEquals("formula '2*#': unexpected '#' at position 3; expected a number, a name or '('", error("2*#"));
    }

    @Test
    void implicitMultiplicationIsRejected() {
        assertEquals("formula '2epoch': unexpected 'e' at position 2", error("2epoch"));
    }

    @Test
    void malformedNumbersAreNamed() {
        assertEquals("formula '1e-': malformed number '1e-' at position 1", error("1e-"));
        assertEquals("formula '1e999': number '1e999' at position 1 is too large", error("1e999"));
    }

    @Test
    void anEmptyFormulaIsAnError() {
        assertEquals("formula is empty", error("  "));
    }
}
