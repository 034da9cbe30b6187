package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The options declared once in {@link TrainingOptions} read in each command's own words, and are checked
 * before any work starts.
 */
class TrainingOptionsTest {

    @Test
    void eachCommandWordsTheSharedOptionsItsOwnWay() {
        String train = help("train");
        assertTrue(train.contains("--epochs=N          Epoch budget (default: the task's)."), train);
        assertTrue(train.contains("--batch-size=N      Examples per step (default: the task's)."), train);
        assertTrue(train.contains("--optimizer=SPEC    Optimizer, e.g. 'SGD(momentum=0.9)' (default: the"), train);
        String sample = help("sample");
        assertTrue(sample.contains("--epochs=N             Epoch budget (default: each task's)."), sample);
        assertTrue(sample.contains("--batch-size=N         Examples per step (default: each task's)."), sample);
        assertTrue(sample.contains("--optimizer=SPEC       Optimizer (default: each task's)."), sample);
        String search = help("search");
        assertTrue(search.contains("--epochs=N           Epoch budget of a trial and length of every schedule"),
                search);
        assertTrue(search.contains("--optimizer=SPEC     An optimizer to search over; repeat to search"), search);
        for (String help : new String[] {train, sample, search}) {
            assertTrue(help.contains("Train on a seeded random subset of N examples"), help);
        }
        // Other commands' options of the same name keep their own descriptions.
        assertFalse(help("bench").contains("(default: the task's)"));
    }

    @Test
    void valuesBelowOneAreRefusedInOneLine() {
        assertEquals("psi train: --epochs must be >= 1, got 0", fails("train", "--task", "teacher-student",
                "--epochs", "0"));
        assertEquals("psi search: --train-size must be >= 1, got -5", fails("search", "--task", "teacher-student",
                "--strategy", "random", "--train-size", "-5"));
    }

    private static String help(String command) {
        Cli result = Cli.run(command, "--help");
        assertEquals(0, result.exitCode(), result.err());
        return result.out();
    }

    private static String fails(String... args) {
        Cli result = Cli.run(args);
        assertEquals(2, result.exitCode(), result.out() + result.err());
        return result.err().strip();
    }
}
