package dev.psi.train.task.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.spec.SpecException;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskSuiteTest {

    private static final TaskFamily SPIRALS = TaskFamilies.byName("spirals");

    @Test
    void generatedMembersDrawConsecutiveSeedsAndListedOnesResolve() {
        TaskSuite suite = new TaskSuite("mixed", "test", List.of(new TaskSuite.Generated(SPIRALS, 3, 10),
                new TaskSuite.Listed("noisy-quadratic"), new TaskSuite.Listed("nq-d10-k1-sd0.1-n1000-s3-sgd-b64-e4")));
        List<SuiteTask> tasks = suite.tasks();

        assertEquals(5, tasks.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(SPIRALS.generate(10 + i), tasks.get(i).task());
            assertEquals("spirals", tasks.get(i).family());
        }
        assertEquals(new SuiteTask("built-in", Tasks.builtIn("noisy-quadratic"), "noisy-quadratic"), tasks.get(3));
        assertEquals("noisy-quadratic", tasks.get(4).family());
        assertEquals(Map.of("spirals", 3, "built-in", 1, "noisy-quadratic", 1), TaskSuite.countsByFamily(tasks));
        assertEquals(tasks, suite.tasks());
    }

    @Test
    void aSeedThatRepeatsATaskIsSkipped() {
        TaskFamily twoTasks = new TaskFamily() {
            @Override
            public String name() {
                return "two";
            }

            @Override
            public String prefix() {
                return "two";
            }

            @Override
            public String ranges() {
                return "";
            }

            @Override
            public TaskSpec generate(long seed) {
                return Tasks.builtIns().get((int) (seed / 3) % 2);
            }

            @Override
            public TaskSpec resolve(String taskName) {
                return Tasks.builtIn(taskName);
            }
        };

        List<SuiteTask> tasks = new TaskSuite("s", "", List.of(new TaskSuite.Generated(twoTasks, 2, 0))).tasks();
        assertEquals(List.of("fmnist-linear", "fmnist-mlp"), tasks.stream().map(t -> t.task().name()).toList());
        SpecException e = assertThrows(SpecException.class,
                () -> new TaskSuite("s", "", List.of(new TaskSuite.Generated(twoTasks, 3, 0))).tasks());
        assertEquals("suite s: family two drew only 2 different tasks from seeds 0 to 59; ask for fewer", e.getMessage());
    }

    @Test
    void aTaskTwiceIsAnError() {
        SpecException e = assertThrows(SpecException.class, () -> new TaskSuite("s", "", List.of(
                new TaskSuite.Listed("fmnist-mlp"), new TaskSuite.Listed("fmnist-mlp"))).tasks());
        assertTrue(e.getMessage().equals("suite s has the task fmnist-mlp twice"), e.getMessage());
    }
}
