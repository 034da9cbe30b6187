package dev.psi.lab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The dry run's counts, from the quick preset's plan, checked against what the plan says by hand. */
class StudyOutlineTest {

    private static StudyOutline.Part part(StudyOutline outline, String prefix) {
        return outline.parts().stream().filter(p -> p.what().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void countsEveryKindOfWorkOfTheQuickPreset() {
        StudyOutline outline = StudyOutline.of(StudyPlan.preset("quick", "q"));
        // 2 training tasks × 3 oracle trajectories; each of 6 epochs keeps 1 and looks ahead 3 candidates × 1.
        assertEquals(6, part(outline, "surface sampling").jobs());
        assertEquals(6 * 6 * 4, part(outline, "surface sampling").totalEpochs());
        // The long-horizon labeller: 32 schedules of 6 epochs per training task and sampling seed.
        assertEquals(6, part(outline, "long-horizon labels").jobs());
        assertEquals(6 * 32 * 6, part(outline, "long-horizon labels").totalEpochs());
        // 2 held-out tasks × 7 rates × 2 tuning seeds, 6 epochs each.
        assertEquals(28, part(outline, "target calibration").jobs());
        assertEquals(28 * 6, part(outline, "target calibration").totalEpochs());
        // Random search: one job per held-out task, 8 points on 2 seeds of 6 epochs.
        assertEquals(2, part(outline, "random-search").jobs());
        assertEquals(2 * 8 * 2 * 6, part(outline, "random-search").totalEpochs());
        // PBT: a population of 8 on each of 5 evaluation seeds per task.
        assertEquals(10, part(outline, "pbt (").jobs());
        assertEquals(10 * 8 * 6, part(outline, "pbt (").totalEpochs());
    }

    @Test
    void theTrainingGridHoldsConstantsCalibrationRatesAndFiveScalesOfEveryOtherFixedMethod() {
        StudyOutline outline = StudyOutline.of(StudyPlan.preset("quick", "q"));
        // Per training task: constant's 7 rates, 5 scales of each of the 14 others but L4 (α ≤ 1: 4 scales), on 2
        // tuning seeds.
        assertEquals(2 * 2 * (7 + 14 * 5 + 4), part(outline, "training grid").jobs());
    }

    @Test
    void theDescriptionEndsWithTheTotalSpreadOverTheWorkers() {
        StudyOutline outline = StudyOutline.of(StudyPlan.preset("quick", "q").withMethods(List.of(Method.CONSTANT)));
        String text = outline.describe(task -> 1.0, 2);
        String last = text.lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("in all"), last);
        assertTrue(last.endsWith("of training; with 2 workers ≈ " + String.format(Locale.ROOT, "%.1f min",
                outline.epochs() / 60.0 / 2)), last);
        assertTrue(text.startsWith("training  fmnist-linear"), text);
    }
}
