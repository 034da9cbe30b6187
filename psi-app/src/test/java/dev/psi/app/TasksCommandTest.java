package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TasksCommandTest {

    @Test
    void listsTheBuiltInsTheFamiliesAndTheSuites() {
        Cli result = Cli.run("tasks");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("fmnist-linear    Fashion-MNIST, multinomial logistic regression 784-10"),
                result.out());
        assertTrue(result.out().contains("\nspirals          sp-...: classes 2, 3, 4;"), result.out());
        assertTrue(result.out().contains("\nstandard         40 tasks from 5 families, for studies"), result.out());
    }

    @Test
    void listsASuiteOneTaskALine() {
        Cli result = Cli.run("tasks", "--suite", "small");

        assertEquals(0, result.exitCode(), result.err());
        String[] lines = result.out().split("\\R");
        assertEquals(9, lines.length);
        assertEquals("suite small: 8 tasks (teacher-student 2, noisy-quadratic 2, gaussian-mixture 2, spirals 2)",
                lines[0]);
        assertTrue(lines[3].matches("noisy-quadratic +nq-d\\S+ +batch [0-9]+, [0-9]+ epochs, \\S+, linear\\(\\), "
                + "[0-9]+ train / 1000 val, [0-9]+ features, regression"), lines[3]);
    }

    @Test
    void listsASuiteFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("two.yaml"),
                "name: two\ntasks:\n  - task: noisy-quadratic\n  - task: gm-c3-d10-sep2-n1000-s5-lin-adam-b64-e8\n");
        Cli result = Cli.run("tasks", "--suite", file.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("suite two: 2 tasks (built-in 1, gaussian-mixture 1)", result.out().split("\\R")[0]);
        assertTrue(result.out().contains("gaussian-mixture  gm-c3-d10-sep2-n1000-s5-lin-adam-b64-e8  batch 64, 8 epochs, "
                + "Adam(), linear(), 1000 train / 1000 val, 10 features, 3 classes"), result.out());
    }

    @Test
    void aBadSuiteIsOneLine(@TempDir Path dir) throws IOException {
        Cli unknown = Cli.run("tasks", "--suite", "huge");
        assertEquals(2, unknown.exitCode());
        assertEquals(1, unknown.errLines().length, unknown.err());
        assertTrue(unknown.err().contains("unknown suite 'huge'; built-in suites: small, standard"), unknown.err());

        Path file = Files.writeString(dir.resolve("bad.yaml"), "name: bad\ntasks:\n  - {family: spirals, count: 0}\n");
        Cli bad = Cli.run("tasks", "--suite", file.toString());
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.errLines().length, bad.err());
        assertTrue(bad.err().contains("tasks[0].count must be a whole number from 1 to 10000, got 0"), bad.err());
    }
}
