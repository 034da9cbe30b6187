package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.TrialStatus;
import dev.psi.store.ResultStore;
import dev.psi.store.TrialSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCommandTest {

    @TempDir
    Path dir;

    @Test
    void aRandomSearchTrainsStoresAndReportsTheBestPoint() {
        Path db = dir.resolve("search.db");
        Cli result = Cli.run("search", "--task", "teacher-student", "--strategy", "random", "--budget", "3",
                "--epochs", "1", "--train-size", "200", "--db", db.toString());

        assertEquals(0, result.exitCode(), result.err());
        String[] lines = result.out().split("\\R");
        assertTrue(lines[0].startsWith("search random on teacher-student: 3 trials, 3 epochs, "), lines[0]);
        assertTrue(lines[1].startsWith("best controller: "), lines[1]);
        assertEquals("best optimizer: SGD(momentum=0.9)", lines[2]);
        assertTrue(lines[3].matches("best val accuracy: [01]\\.\\d{4}"), lines[3]);
        assertTrue(lines[4].startsWith("cost: 3 trials, 3 epochs, "), lines[4]);
        assertEquals("stored as study search-teacher-student-random in " + db, lines[5]);
        assertEquals(3, result.errLines().length, result.err());
        try (ResultStore store = ResultStore.open(db.toString())) {
            List<TrialSummary> trials = store.trials().inStudy("search-teacher-student-random");
            assertEquals(3, trials.size());
            assertTrue(trials.stream().allMatch(t -> t.status() == TrialStatus.COMPLETED && t.epochsDone() == 1));
            double best = trials.stream().mapToDouble(TrialSummary::bestValAccuracy).max().orElseThrow();
            assertEquals(String.format(java.util.Locale.ROOT, "best val accuracy: %.4f", best), lines[3]);
            String controller = lines[1].substring("best controller: ".length());
            assertTrue(trials.stream().anyMatch(t -> t.controller().equals(controller)
                    && t.bestValAccuracy() == best), controller);
        }
    }

    @Test
    void theDefaultFamiliesAreEveryFamily() {
        Cli help = Cli.run("search", "--help");

        assertEquals(0, help.exitCode());
        // The help wraps long lines: compare without whitespace.
        assertTrue(help.out().replaceAll("\\s+", "").contains(
                "(default:" + String.join(",", dev.psi.lab.search.ScheduleFamily.words()) + ")"), help.out());
    }

    @Test
    void badInputIsOneLineAndExitStatus2() {
        String db = dir.resolve("bad.db").toString();
        String[][] cases = {
            {"--strategy", "bayes"},
            {"--strategy", "grid", "--families", "cosine,linear"},
            {"--strategy", "grid", "--lr-min", "1", "--lr-max", "0.1"},
            {"--strategy", "grid", "--budget", "0"},
            {"--strategy", "grid", "--target", "val_accuracy"},
            {"--strategy", "grid", "--optimizer", "Adamm()"},
            {"--strategy", "grid", "--task", "no-such-task"},
            {"--strategy", "grid", "--bogus"},
        };
        String[] messages = {
            "psi search: unknown strategy 'bayes'; valid: grid, random, quasi-random, genetic, halving, hyperband, pbt",
            "psi search: unknown schedule family 'linear'; valid: constant, step, cosine, warmup-cosine, one-cycle",
            "psi search: the rate range needs 0 < lr-min <= lr-max, got [1.0, 0.1]",
            "psi search: --budget must be >= 1, got 0",
            "psi search: --target must be METRIC=VALUE, e.g. val_accuracy=0.85; got 'val_accuracy'",
            null,
            null,
            null,
        };
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new java.util.ArrayList<>(List.of("search", "--db", db));
            if (!List.of(cases[i]).contains("--task")) {
                args.addAll(List.of("--task", "teacher-student"));
            }
            args.addAll(List.of(cases[i]));
            Cli result = Cli.run(args.toArray(new String[0]));

            assertEquals(2, result.exitCode(), String.join(" ", cases[i]) + ": " + result.err());
            assertEquals(1, result.errLines().length, result.err());
            assertTrue(result.err().startsWith("psi search"), result.err());
            if (messages[i] != null) {
                assertEquals(messages[i], result.errLines()[0]);
            }
        }
        assertTrue(Files.notExists(dir.resolve("bad.db")));
    }
}
