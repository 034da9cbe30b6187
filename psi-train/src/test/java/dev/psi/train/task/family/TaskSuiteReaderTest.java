package dev.psi.train.task.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.spec.SpecException;
import dev.psi.train.data.DataException;
import dev.psi.train.task.Tasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskSuiteReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private void pointsSpec() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            csv.append(i % 3).append(',').append(i % 2).append('\n');
        }
        write("points.csv", csv.toString());
        write("points.yaml", "name: points\ndata: {format: csv, train: points.csv, validation: 0.25}\nmodel: linear\n"
                + "batch_size: 8\nepochs: 3\n");
    }

    @Test
    void readsFamiliesSpecFamiliesAndTasks() throws IOException {
        pointsSpec();
        Path file = write("mine.yaml", """
                name: mine
                description: two families and two tasks
                tasks:
                  - family: spirals
                    count: 2
                    seed: 7
                  - family: spec
                    spec: points.yaml
                    count: 2
                  - task: fmnist-mlp
                  - task: points.yaml
                """);
        TaskSuite suite = TaskSuiteReader.read(file);
        List<SuiteTask> tasks = suite.tasks();

        assertEquals("mine", suite.name());
        assertEquals("two families and two tasks", suite.description());
        assertEquals(6, tasks.size());
        assertEquals(new SpiralsFamily().generate(7), tasks.get(0).task());
        assertEquals(new SpiralsFamily().generate(8), tasks.get(1).task());
        assertEquals("points", tasks.get(2).family());
        assertEquals(tasks.get(2).task(), Tasks.resolve(tasks.get(2).source()));
        assertEquals(dir.resolve("points.yaml").toAbsolutePath() + "#" + tasks.get(2).task().name().substring(7),
                tasks.get(2).source());
        assertEquals("built-in", tasks.get(4).family());
        assertEquals("spec", tasks.get(5).family());
        assertEquals(dir.resolve("points.yaml").toAbsolutePath().toString(), tasks.get(5).source());
        assertEquals(suite, TaskSuites.resolve(file.toString()));
    }

    @Test
    void badInputIsOneLineNamingTheProblem() throws IOException {
        pointsSpec();
        assertEquals(": unknown field 'tasks[0].cont'; valid: family, count, seed, spec",
                error("name: s\ntasks:\n  - {family: spirals, cont: 2}\n"));
        assertEquals(": tasks[0].family: unknown task family 'spiral'; valid: fmnist, teacher-student, "
                + "noisy-quadratic, gaussian-mixture, spirals, spec (with a spec file)",
                error("name: s\ntasks:\n  - {family: spiral, count: 2}\n"));
        assertEquals(": tasks[0].count is required: a whole number from 1 to 10000",
                error("name: s\ntasks:\n  - {family: spirals}\n"));
        assertEquals(": tasks[0].count must be a whole number from 1 to 10000, got 'two'",
                error("name: s\ntasks:\n  - {family: spirals, count: two}\n"));
        assertEquals(": tasks[0].seed must be a whole number from 0 to 4611686018427387903, got -1",
                error("name: s\ntasks:\n  - {family: spirals, count: 1, seed: -1}\n"));
        assertEquals(": tasks[1] must be a mapping with either family (and count, seed, spec) or task",
                error("name: s\ntasks:\n  - {task: fmnist-mlp}\n  - {task: fmnist-cnn, family: spirals}\n"));
        assertEquals(": tasks[0].spec is required with family spec: a task spec file (.yaml, .yml or .json)",
                error("name: s\ntasks:\n  - {family: spec, count: 1}\n"));
        assertEquals(": tasks must be a list of entries, each with family (and count) or task", error("name: s\n"));
        assertEquals(": suite s has the task fmnist-mlp twice",
                error("name: s\ntasks:\n  - task: fmnist-mlp\n  - task: fmnist-mlp\n"));
        assertEquals(": unknown task 'fmnist'; built-in tasks: fmnist-linear, fmnist-mlp, fmnist-cnn, teacher-student, "
                + "noisy-quadratic; a path to a .yaml, .yml or .json task spec file, or a generated task's name "
                + "(psi tasks --suite standard), is also accepted", error("name: s\ntasks:\n  - task: fmnist\n"));
        assertEquals(" line 1, column 8: malformed YAML: mapping values are not allowed here",
                error("name: s: t\n"));
    }

    @Test
    void aMissingFileIsADataError() {
        DataException e = assertThrows(DataException.class, () -> TaskSuiteReader.read(dir.resolve("none.yaml")));
        assertEquals("suite file " + dir.resolve("none.yaml") + " not found", e.getMessage());
    }

    /** The message of reading {@code text} as a suite file, after the file's name. */
    private String error(String text) throws IOException {
        Path file = write("bad.yaml", text);
        SpecException e = assertThrows(SpecException.class, () -> TaskSuiteReader.read(file));
        assertEquals(file.toString(), e.getMessage().substring(0, file.toString().length()), e.getMessage());
        return e.getMessage().substring(file.toString().length());
    }
}
