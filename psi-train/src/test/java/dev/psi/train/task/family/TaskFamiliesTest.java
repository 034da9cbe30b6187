package dev.psi.train.task.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.spec.SpecException;
import dev.psi.train.task.Tasks;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskFamiliesTest {

    @Test
    void theBuiltInFamiliesHaveDistinctPrefixes() {
        assertEquals(List.of("fmnist", "teacher-student", "noisy-quadratic", "gaussian-mixture", "spirals"),
                TaskFamilies.names());
        assertEquals(5, TaskFamilies.builtIns().stream().map(TaskFamily::prefix).distinct().count());
    }

    @Test
    void aGeneratedNameFindsItsFamilyAndABuiltInNameNone() {
        assertEquals("spirals", TaskFamilies.ofName("sp-c2-t1-sd0.05-n1000-s1-mlp32x32-sgd-b64-e5").orElseThrow().name());
        assertTrue(TaskFamilies.resolve("teacher-student").isEmpty());
        assertTrue(TaskFamilies.resolve("fmnist-mlp").isEmpty());
    }

    @Test
    void tasksResolvesGeneratedNamesAsWorkersPassThem() {
        for (TaskFamily family : TaskFamilies.builtIns()) {
            String name = family.generate(5).name();
            assertEquals(family.generate(5), Tasks.resolve(name), name);
            assertEquals(name, family.source(family.generate(5)));
        }
    }

    @Test
    void unknownFamiliesListTheValidOnes() {
        SpecException e = assertThrows(SpecException.class, () -> TaskFamilies.byName("mnist"));
        assertEquals("unknown task family 'mnist'; valid: fmnist, teacher-student, noisy-quadratic, gaussian-mixture, "
                + "spirals, spec (with a spec file)", e.getMessage());
    }

    @Test
    void everyTaskHasAFamilyForLeaveFamilyOut() {
        assertEquals("teacher-student", TaskFamilies.familyOf("ts-ce-i10-w16-d1-c4-n1000-s1-sgdm-b64-e5"));
        assertEquals("spirals", TaskFamilies.familyOf("sp-c2-t0.5-sd0.05-n1000-s1-mlp32x32-adam-b64-e6"));
        assertEquals("fmnist", TaskFamilies.familyOf("fmnist-cnn"));
        assertEquals("teacher-student", TaskFamilies.familyOf("teacher-student"));
        assertEquals("noisy-quadratic", TaskFamilies.familyOf("noisy-quadratic"));
        assertEquals("my-task", TaskFamilies.familyOf("my-task"), "a spec file's task is a family of its own");
    }
}
