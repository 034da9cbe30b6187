package dev.psi.core.psi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each feature's name and its value in a state. */
class PsiFeatureTest {

    private static final TaskFeatures FMNIST = new TaskFeatures(60000, 203530, 128, "SGD");
    private static final PsiState STATE = new PsiState(3, 10, 0.25, FMNIST);

    @Test
    void lossFeaturesAreTheRatioAndItsLog() {
        assertEquals(0.25, PsiFeature.LOSS_RATIO.value(STATE));
        assertEquals(Math.log(0.25), PsiFeature.LOG_LOSS_RATIO.value(STATE));
    }

    @Test
    void epochFeaturesAreTheIndexAndTheFractionOfTheBudget() {
        assertEquals(3.0, PsiFeature.EPOCH.value(STATE));
        assertEquals(0.3, PsiFeature.EPOCH_FRACTION.value(STATE));
        assertEquals(2.5 / 10, PsiFeature.EPOCH_FRACTION.value(new PsiState(2.5, 10, 1, FMNIST)));
    }

    @Test
    void taskFeaturesAreNaturalLogsOfTheSizes() {
        assertEquals(Math.log(60000), PsiFeature.LOG_DATASET_SIZE.value(STATE));
        assertEquals(Math.log(203530), PsiFeature.LOG_PARAMETER_COUNT.value(STATE));
        assertEquals(Math.log(128), PsiFeature.LOG_BATCH_SIZE.value(STATE));
        assertEquals(Math.log(128.0 / 60000), PsiFeature.LOG_BATCH_FRACTION.value(STATE));
    }

    @Test
    void adaptiveOptimizerIsOneForTheAdaptiveFamilies() {
        for (String family : List.of("Adam", "AdamW", "RMSprop", "Adagrad", "Prodigy", "ScheduleFreeAdamW")) {
            var state = new PsiState(0, 10, 1, new TaskFeatures(1, 1, 1, family));
            assertEquals(1.0, PsiFeature.ADAPTIVE_OPTIMIZER.value(state), family);
        }
        for (String family : List.of("SGD", "DoG", "ScheduleFreeSGD")) {
            var state = new PsiState(0, 10, 1, new TaskFeatures(1, 1, 1, family));
            assertEquals(0.0, PsiFeature.ADAPTIVE_OPTIMIZER.value(state), family);
        }
    }

    @Test
    void unknownTaskValuesAreNaN() {
        var state = new PsiState(3, 0, 0.5, TaskFeatures.UNKNOWN);

        assertEquals(Double.NaN, PsiFeature.EPOCH_FRACTION.value(state));
        assertEquals(Double.NaN, PsiFeature.LOG_DATASET_SIZE.value(state));
        assertEquals(Double.NaN, PsiFeature.LOG_PARAMETER_COUNT.value(state));
        assertEquals(Double.NaN, PsiFeature.LOG_BATCH_SIZE.value(state));
        assertEquals(Double.NaN, PsiFeature.ADAPTIVE_OPTIMIZER.value(state));
        assertEquals(Double.NaN, PsiFeature.LOG_BATCH_FRACTION.value(state));
        assertEquals(Double.NaN, PsiFeature.LOG_EFFECTIVE_STEP.value(state));
    }

    @Test
    void effectiveStepIsTheLogOfTheOptimizersStepFactor() {
        var sgd = new PsiState(0, 10, 1, TaskFeatures.of(1, 1, 1, Spec.parse("SGD(momentum=0.9)")));
        var adam = new PsiState(0, 10, 1, TaskFeatures.of(1, 1, 1, Spec.parse("Adam(betas=[0.9,0.999])")));

        assertEquals(Math.log(1 / (1 - 0.9)), PsiFeature.LOG_EFFECTIVE_STEP.value(sgd));
        assertEquals(0, PsiFeature.LOG_EFFECTIVE_STEP.value(adam));
    }

    @Test
    void wordsAreTheSnakeCaseNames() {
        assertEquals("log_parameter_count", PsiFeature.LOG_PARAMETER_COUNT.word());
        assertEquals(PsiFeature.EPOCH_FRACTION, PsiFeature.ofWord("epoch_fraction"));
    }

    @Test
    void anUnknownWordListsTheValidOnes() {
        assertEquals("unknown feature 'lr'; valid: loss_ratio, log_loss_ratio, epoch, epoch_fraction, log_dataset_size, "
                + "log_parameter_count, log_batch_size, adaptive_optimizer, log_batch_fraction, log_effective_step",
                assertThrows(SpecException.class, () -> PsiFeature.ofWord("lr")).getMessage());
    }

    @Test
    void valuesFollowTheGivenOrder() {
        assertArrayEquals(new double[] {3, 0.25}, PsiFeature.values(List.of(PsiFeature.EPOCH, PsiFeature.LOSS_RATIO),
                STATE));
    }

    @Test
    void aStateOfLossesDividesByTheFirstLoss() {
        assertEquals(new PsiState(4, 10, 0.5 / 2.0, FMNIST), PsiState.of(4, 10, 0.5, 2.0, FMNIST));
    }
}
