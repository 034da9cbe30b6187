package dev.psi.lab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.family.TaskSuites;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Leave-family-out splits of the built-in suites. */
class SuiteSplitTest {

    @Test
    void aHeldOutFamilyIsHeldOutWholeAndNeverTrains() {
        SuiteSplit split = SuiteSplit.of(TaskSuites.resolve("standard"), Set.of("spirals"), Optional.empty());
        assertEquals(10, split.heldOut().size());
        assertTrue(split.heldOut().stream().allMatch(task -> task.name().startsWith("sp-")));
        assertTrue(split.training().stream().noneMatch(task -> task.name().startsWith("sp-")));
        assertEquals(30, split.training().size());
    }

    @Test
    void aHeldOutOptimizerHoldsOutThatSettingInEveryFamily() {
        SuiteSplit split = SuiteSplit.of(TaskSuites.resolve("standard"), Set.of("spirals"), Optional.of("Adam"));
        assertTrue(split.training().stream().map(TaskSpec::optimizer).noneMatch(o -> o.name().equals("Adam")));
        assertTrue(split.heldOut().stream().anyMatch(task -> !task.name().startsWith("sp-")),
                "Adam tasks of other families are held out too");
        assertEquals(40, split.training().size() + split.heldOut().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "full"})
    void theSuitePresetsTrainOnThirtyTasksFromFourFamiliesAndHoldOutTenWithAFamilyNeverSeen(String preset) {
        StudyPlan plan = StudyPlan.preset(preset, "p");
        assertTrue(plan.trainingTasks().size() >= 30, plan.trainingTasks().size() + " training tasks");
        assertEquals(4, plan.trainingTasks().stream().map(task -> task.name().substring(0, 3)).distinct().count());
        assertTrue(plan.heldOutTasks().size() >= 10, plan.heldOutTasks().size() + " held-out tasks");
        assertTrue(plan.trainingTasks().size() + plan.heldOutTasks().size() >= 40);
        assertTrue(plan.heldOutTasks().stream().anyMatch(task -> task.name().startsWith("sp-")));
        assertTrue(plan.trainingTasks().stream().noneMatch(task -> task.name().startsWith("sp-")));
        assertTrue(plan.epochs().isEmpty() && plan.trainSize().isEmpty(), "each task at its own budget and size");
    }

    @Test
    void anUnknownFamilyIsNamedWithTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SuiteSplit.of(TaskSuites.resolve("small"), Set.of("cats"), Optional.empty()));
        assertTrue(e.getMessage().startsWith("--holdout-families must name families of suite small: "), e.getMessage());
    }

    @Test
    void theHeldOutOptimizerIsMatchedWithoutCaseAndAnUnknownOneIsNamedWithTheValidOnes() {
        SuiteSplit lower = SuiteSplit.of(TaskSuites.resolve("standard"), Set.of("spirals"), Optional.of(" adam"));
        SuiteSplit exact = SuiteSplit.of(TaskSuites.resolve("standard"), Set.of("spirals"), Optional.of("Adam"));
        assertEquals(exact.heldOut(), lower.heldOut());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SuiteSplit.of(
                TaskSuites.resolve("standard"), Set.of("spirals"), Optional.of("Lion")));
        assertEquals("--holdout-optimizer must name an optimizer of suite standard: Adam, SGD; got Lion",
                e.getMessage());
    }

    @Test
    void holdingOutEverythingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SuiteSplit.of(
                TaskSuites.resolve("small"), Set.of("teacher-student", "noisy-quadratic", "gaussian-mixture",
                        "spirals"), Optional.empty()));
        assertTrue(e.getMessage().contains("with 0 training and 8 held-out tasks"), e.getMessage());
    }
}
