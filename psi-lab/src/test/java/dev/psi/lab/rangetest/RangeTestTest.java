package dev.psi.lab.rangetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import org.junit.jupiter.api.Test;

/** The range test's schedule, and a real run on the noisy quadratic, whose usable rates are known. */
class RangeTestTest {

    @Test
    void theScheduleGrowsFromTheFirstRateToTheLastOverTheSteps() {
        RangeTest test = new RangeTest(1e-4, 1, 41);
        // γ = 10^(4/40) = 10^0.1.
        assertEquals("ExponentialLR(lr=0.0001,gamma=1.2589254117941673,interval=step)", test.controller().toString());
    }

    @Test
    void badRangesAreOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RangeTest(1, 0.1, 100));
        assertEquals("the range test needs 0 < --lr-min < --lr-max, got 1.0 and 0.1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RangeTest(1e-7, 10, 5));
    }

    @Test
    void onTheNoisyQuadraticTheSuggestionIsAStableRate() {
        // Plain SGD on curvatures up to 1 (Hessian 2h): rates above 1 diverge; the study's constant 0.1 converges.
        TaskSpec task = Tasks.builtIn("noisy-quadratic");
        RangeTestResult result = new RangeTest(1e-5, 10, 100).run(task, null, task.load(2000, 1), 1);
        assertTrue(result.suggested() > 1e-3 && result.suggested() < 1, result.suggested() + " " + result.minimumRate());
        assertTrue(result.rates().size() < 100, "the rates near 10 diverge and are cut");
    }
}
