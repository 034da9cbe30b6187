package dev.psi.core.psi;

import static dev.psi.core.psi.PsiFeature.EPOCH;
import static dev.psi.core.psi.PsiFeature.LOSS_RATIO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.controller.TaskFeatures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A closed-form Ψ and the fit information every model carries. */
class FormulaModelTest {

    private static final Expression FORMULA = Expression.parse("0.3*loss_ratio^0.5*(1 + epoch)^-0.2");
    private static final FitInfo FIT = FitInfo.of(1e-3, 0.5, Map.of(LOSS_RATIO, new double[] {0.05, 1},
            EPOCH, new double[] {0, 9}));

    @Test
    void learningRateTakesValuesInTheOrderOfTheFeatures() {
        var model = new FormulaModel(FORMULA, List.of(EPOCH, LOSS_RATIO), FIT);

        assertEquals(0.3 * Math.pow(0.25, 0.5) * Math.pow(1 + 4.0, -0.2), model.learningRate(new double[] {4, 0.25}));
    }

    @Test
    void learningRateOfAStateComputesTheFeatures() {
        var model = FormulaModel.of(FORMULA, FIT);
        var state = new PsiState(4, 10, 0.25, TaskFeatures.UNKNOWN);

        assertEquals(0.3 * Math.pow(0.25, 0.5) * Math.pow(1 + 4.0, -0.2), model.learningRate(state));
    }

    @Test
    void ofTakesTheFormulasFeaturesInDeclarationOrder() {
        assertEquals(List.of(LOSS_RATIO, EPOCH), FormulaModel.of(Expression.parse("epoch*loss_ratio"), FIT).features());
    }

    @Test
    void describeIsTheCanonicalFormula() {
        assertEquals("0.3*loss_ratio^0.5*(1 + epoch)^-0.2", FormulaModel.of(FORMULA, FIT).describe());
        assertEquals("formula", FormulaModel.of(FORMULA, FIT).kind());
    }

    @Test
    void fitInformationIsAvailableOnTheModel() {
        var model = FormulaModel.of(FORMULA, FIT);

        assertEquals(1e-3, model.minLr());
        assertEquals(0.5, model.maxLr());
        assertArrayEquals(new double[] {0, 9}, model.featureRanges().get(EPOCH));
        assertEquals(Map.of(), model.metrics());
        assertEquals(List.of(), model.studies());
    }

    @Test
    void theFormulaMayReadOnlyListedFeatures() {
        var fit = FitInfo.of(1e-3, 0.5, Map.of(EPOCH, new double[] {0, 9}));

        assertEquals("the formula reads loss_ratio, which is not among the features [epoch]",
                assertThrows(IllegalArgumentException.class, () -> new FormulaModel(FORMULA, List.of(EPOCH), fit))
                        .getMessage());
    }

    @Test
    void everyFeatureNeedsARange() {
        var fit = FitInfo.of(1e-3, 0.5, Map.of(EPOCH, new double[] {0, 9}));

        assertEquals("feature_ranges has no range for loss_ratio", assertThrows(IllegalArgumentException.class,
                () -> new FormulaModel(FORMULA, List.of(LOSS_RATIO, EPOCH), fit)).getMessage());
    }

    @Test
    void aRangeForAnUnusedFeatureIsRejected() {
        var fit = FitInfo.of(1e-3, 0.5, Map.of(EPOCH, new double[] {0, 9}, PsiFeature.LOG_BATCH_SIZE,
                new double[] {3, 7}));

        assertEquals("feature_ranges has a range for log_batch_size, which is not among the features",
                assertThrows(IllegalArgumentException.class,
                        () -> FormulaModel.of(Expression.parse("epoch"), fit)).getMessage());
    }

    @Test
    void aRangeIsMinThenMax() {
        assertEquals("the range of epoch must be [min, max] with finite min <= max, got [9.0, 0.0]",
                assertThrows(IllegalArgumentException.class,
                        () -> FitInfo.of(0.1, 0.2, Map.of(EPOCH, new double[] {9, 0}))).getMessage());
    }

    @Test
    void theLrRangeIsOrdered() {
        assertEquals("lr_range must be finite with 0 <= min <= max, got [0.5, 0.1]",
                assertThrows(IllegalArgumentException.class, () -> FitInfo.of(0.5, 0.1, Map.of())).getMessage());
    }

    @Test
    void clampKeepsTheRateInTheFittedRange() {
        assertEquals(1e-3, FIT.clamp(1e-9));
        assertEquals(0.5, FIT.clamp(7));
        assertEquals(0.2, FIT.clamp(0.2));
    }

    @Test
    void modelsWithEqualContentsAreEqual() {
        var same = FitInfo.of(1e-3, 0.5, Map.of(LOSS_RATIO, new double[] {0.05, 1}, EPOCH, new double[] {0, 9}));
        var other = FitInfo.of(1e-3, 0.5, Map.of(LOSS_RATIO, new double[] {0.05, 1}, EPOCH, new double[] {0, 8}));

        assertEquals(FormulaModel.of(FORMULA, FIT), FormulaModel.of(Expression.parse(FORMULA.toString()), same));
        assertEquals(FormulaModel.of(FORMULA, FIT).hashCode(), FormulaModel.of(FORMULA, same).hashCode());
        assertNotEquals(FormulaModel.of(FORMULA, FIT), FormulaModel.of(FORMULA, other));
    }

    @Test
    void rangesCannotBeChangedThroughTheAccessor() {
        FIT.featureRanges().get(EPOCH)[1] = 100;

        assertEquals(9.0, FIT.high(EPOCH));
    }
}
