package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LrFindCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsTheCurveASuggestionAndWritesThePlot() throws Exception {
        Path plot = dir.resolve("lr.svg");
        Cli result = Cli.run("lr-find", "--task", "noisy-quadratic", "--train-size", "1000", "--lr-min", "1e-5",
                "--steps", "60", "--out", plot.toString());

        assertEquals(0, result.exitCode(), result.err());
        String[] lines = result.out().split("\\R");
        assertTrue(lines[0].startsWith("range test of noisy-quadratic with SGD(): 60 steps from 1.0E-5 to 10.0, "),
                lines[0]);
        assertTrue(result.out().contains("\nsuggested lr: "), result.out());
        assertEquals("plot in " + plot.toAbsolutePath(), lines[lines.length - 1]);
        assertTrue(Files.readString(plot).startsWith("<svg"), "an SVG document");
    }

    @Test
    void badInputIsOneLine() {
        Cli result = Cli.run("lr-find", "--task", "noisy-quadratic", "--steps", "3");
        assertEquals(2, result.exitCode());
        assertEquals("psi lr-find: --steps must be >= 10, got 3", result.err().strip());
    }
}
