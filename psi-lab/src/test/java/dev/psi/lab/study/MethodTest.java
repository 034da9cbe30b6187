package dev.psi.lab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import org.junit.jupiter.api.Test;

/** What each fixed method trains with, at its textbook default and at a calibrated scale. */
class MethodTest {

    private static final TaskSpec MLP = Tasks.builtIn("fmnist-mlp");
    private static final TaskSpec QUADRATIC = Tasks.builtIn("noisy-quadratic");

    @Test
    void spsRunsOnPlainSgdWithZeroFloorWhereTheTaskKnowsNone() {
        assertEquals("SPS() / SGD()", Method.SPS.label(MLP, 1, false));
    }

    @Test
    void aRowsNameDoesNotDependOnTheTask() {
        // SPS trains with f* = 0.25 on the quadratic, whose optimizer is plain SGD too; the row is one method.
        assertEquals("SPS() / SGD()", Method.SPS.label(QUADRATIC, 1, false));
        assertEquals(Method.SPS.label(MLP, 3.16228, true), Method.SPS.label(QUADRATIC, 3.16228, true));
        assertEquals("Constant(lr=α₀)", Method.CONSTANT.label(QUADRATIC, 1, false));
    }

    @Test
    void aRowsNameHoldsForEveryBudgetAndOptimizer() {
        TaskSpec adam = Tasks.resolve("gm-c5-d20-sep2-n1000-s2-mlp32-adam-b128-e6");
        assertEquals("Warmup(epochs=1,then=CosineAnnealingLR(lr=10α₀,T_max=E)) (calibrated)",
                Method.WARMUP_COSINE.label(adam, 10, true));
        assertEquals(Method.WARMUP_COSINE.label(MLP, 10, true), Method.WARMUP_COSINE.label(adam, 10, true));
        assertEquals("OneCycleLR(max_lr=0.316228α₀,epochs=E)", Method.ONE_CYCLE.label(adam, 0.316228, false));
    }

    @Test
    void spsIsGivenTheNoisyQuadraticsNoiseVarianceAsFStar() {
        // noise 0.5: the least expected squared error is 0.25.
        assertEquals("SPS(f_star=0.25)", Method.SPS.controller(QUADRATIC, 5).toString());
    }

    @Test
    void spsScalesItsStepThroughC() {
        assertEquals("SPS(c=0.158114)", Method.SPS.controller(MLP, 5, 3.16228).toString());
    }

    @Test
    void parameterFreeOptimizersRunAtTheirReferencesRate() {
        assertEquals("Constant(lr=1) / DoG()", Method.DOG.label(MLP, 1, false));
        assertEquals("CosineAnnealingLR(lr=1,T_max=E) / Prodigy()", Method.PRODIGY.label(MLP, 1, false));
        assertEquals("Constant(lr=1) / ScheduleFreeSGD()", Method.SCHEDULE_FREE_SGD.label(MLP, 1, false));
        assertEquals("Constant(lr=0.0025) / ScheduleFreeAdamW()", Method.SCHEDULE_FREE_ADAMW.label(MLP, 1, false));
    }

    @Test
    void stepSizeControllersRunOnTheTasksOptimizer() {
        assertEquals("Hypergradient(lr=α₀)", Method.HYPERGRADIENT.label(MLP, 1, false));
        assertEquals("L4()", Method.L4.label(MLP, 1, false));
        assertEquals("L4(alpha=0.474342)", Method.L4.controller(MLP, 5, 3.16228).toString());
    }

    @Test
    void l4AcceptsNoAlphaAboveOne() {
        assertTrue(Method.L4.accepts(3.16228));
        assertFalse(Method.L4.accepts(10));
        assertTrue(Method.COSINE.accepts(10));
    }

    @Test
    void aCalibratedRowNamesItsScaledControllerAndSaysSo() {
        assertEquals("CosineAnnealingLR(lr=3.16228α₀,T_max=E) (calibrated)", Method.COSINE.label(MLP, 3.16228, true));
        assertEquals("Constant(lr=0.0001) / Adam() (calibrated)", Method.ADAM.label(MLP, 0.1, true));
    }
}
