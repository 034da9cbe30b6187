package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.store.ResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCommandTest {

    @TempDir
    Path dir;

    @Test
    void aSmallStudyRunsEndToEndAndWritesTheReport() {
        Path db = dir.resolve("study.db");
        Path out = dir.resolve("report");
        Cli result = Cli.run("study", "--tasks", "teacher-student", "--holdout", "noisy-quadratic", "--seeds", "1",
                "--methods", "constant,psi-formula", "--name", "small", "--out", out.toString(), "--db", db.toString());

        assertEquals(0, result.exitCode(), result.err());
        String[] lines = result.out().split("\\R");
        assertTrue(lines[0].startsWith("study small (quick): trained on teacher-student, held out noisy-quadratic, "),
                lines[0]);
        assertTrue(result.out().contains("noisy-quadratic  psi-formula"), result.out());
        assertTrue(result.out().contains("noisy-quadratic  Constant(lr=0.1)"), result.out());
        assertEquals("report in " + out.toAbsolutePath() + "; stored as study small in " + db, lines[lines.length - 1]);
        assertTrue(Files.exists(out.resolve("index.html")));
        assertTrue(Files.exists(out.resolve("results.json")));
        try (ResultStore store = ResultStore.open(db.toString())) {
            assertEquals(2, store.trials("small").size());
            assertFalse(store.surface("small-sample").isEmpty());
        }
    }

    @Test
    void badInputIsOneLineAndExitStatus2() {
        String db = dir.resolve("bad.db").toString();
        String[][] cases = {
            {"study", "--preset", "huge", "--db", db},
            {"study", "--holdout", "fmnist-linear", "--db", db},
            {"study", "--methods", "magic", "--db", db},
            {"study", "--seeds", "0", "--db", db},
            {"study", "--tasks", "no-such-task", "--db", db},
        };
        for (String[] args : cases) {
            Cli result = Cli.run(args);
            assertEquals(2, result.exitCode(), String.join(" ", args) + ": " + result.err());
            assertEquals(1, result.errLines().length, result.err());
            assertTrue(result.err().startsWith("psi study: "), result.err());
        }
        assertFalse(Files.exists(dir.resolve("bad.db")), "nothing is stored for bad input");
    }
}
