package dev.psi.train.task.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.spec.SpecException;
import dev.psi.train.task.Tasks;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskSuitesTest {

    @Test
    void smallHasEightSyntheticTasksFromFourFamilies() {
        List<SuiteTask> tasks = TaskSuites.resolve("small").tasks();

        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("teacher-student", 2);
        expected.put("noisy-quadratic", 2);
        expected.put("gaussian-mixture", 2);
        expected.put("spirals", 2);
        assertEquals(expected, TaskSuite.countsByFamily(tasks));
    }

    @Test
    void standardHasFortyTasksFromFiveFamiliesTenOfThemSpirals() {
        List<SuiteTask> tasks = TaskSuites.resolve("standard").tasks();

        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("fmnist", 8);
        expected.put("teacher-student", 8);
        expected.put("noisy-quadratic", 7);
        expected.put("gaussian-mixture", 7);
        expected.put("spirals", 10);
        assertEquals(expected, TaskSuite.countsByFamily(tasks));
        assertTrue(tasks.stream().anyMatch(task -> task.task().shape().orElseThrow().numClasses() == 0));
    }

    @Test
    void largeHasFiftySixTasksFromFiveFamilies() {
        List<SuiteTask> tasks = TaskSuites.resolve("large").tasks();

        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("fmnist", 15);
        expected.put("teacher-student", 13);
        expected.put("noisy-quadratic", 10);
        expected.put("gaussian-mixture", 10);
        expected.put("spirals", 8);
        assertEquals(expected, TaskSuite.countsByFamily(tasks));
        assertTrue(tasks.stream().anyMatch(task -> task.task().model().name().equals("cnn")));
    }

    @Test
    void largeHoldsEveryTaskOfStandardButTheSpirals() {
        Set<String> large = new HashSet<>(TaskSuites.resolve("large").tasks().stream()
                .map(task -> task.task().name()).toList());

        TaskSuites.resolve("standard").tasks().stream()
                .filter(task -> !task.family().equals("spirals"))
                .forEach(task -> assertTrue(large.contains(task.task().name()), task.task().name()));
    }

    @Test
    void everyBuiltInTaskHasANameUniqueInItsSuiteAndRebuildsFromItsSource() {
        for (TaskSuite suite : TaskSuites.builtIns()) {
            Set<String> names = new HashSet<>();
            for (SuiteTask task : suite.tasks()) {
                assertTrue(names.add(task.task().name()), task.task().name());
                assertEquals(task.task(), Tasks.resolve(task.source()));
                assertTrue(task.task().batchSize() >= 16 && task.task().batchSize() <= 512);
                assertTrue(task.task().epochs() >= 4 && task.task().epochs() <= 30);
                assertTrue(task.task().shape().orElseThrow().trainCount() <= 4000);
            }
        }
    }

    @Test
    void anUnknownSuiteListsTheBuiltIns() {
        SpecException e = assertThrows(SpecException.class, () -> TaskSuites.resolve("big"));
        assertEquals("unknown suite 'big'; built-in suites: small, standard, large; a path to a .yaml, .yml or .json suite "
                + "file is also accepted", e.getMessage());
    }
}
