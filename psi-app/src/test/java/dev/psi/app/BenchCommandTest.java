package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.train.data.DataSplit;
import dev.psi.train.engine.KernelPinning;
import dev.psi.train.engine.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workloads of {@code psi bench}, its options and the {@code --compare} table; never its timings. */
class BenchCommandTest {

    @Test
    void theSmallCaseIsTheIssuesTaskAndTheSameEveryTime() {
        DataSplit data = BenchCase.small();
        assertEquals(2000, data.train().count());
        assertEquals(500, data.validation().count());
        assertEquals(List.of(64L), Arrays.stream(data.train().featureShape()).boxed().toList());
        assertEquals(10, data.train().numClasses());
        assertEquals(data, BenchCase.small());
        // Every class occurs, so the task is the 10-class problem it says it is.
        float[] labels = data.train().targets();
        assertEquals(10, IntStream.range(0, labels.length).map(i -> (int) labels[i]).distinct().count());
        var config = BenchCase.SMALL.config(3);
        assertEquals(16, config.batchSize());
        assertEquals("SGD(momentum=0.9)", config.optimizer().toString());
        assertEquals("mlp(hidden=[64],activation=relu)", config.model().toString());
        // Validated as psi train validates: the default eval_every, every 16th of the 125 steps.
        assertEquals(0, config.evalEvery());
        assertEquals(16, Trial.defaultEvalEvery(125));
    }

    @Test
    void theReferenceCaseValidatesOncePerEpochLikeItsPythonPeer() {
        var config = BenchCase.REFERENCE.config(2);
        assertEquals(128, config.batchSize());
        assertEquals("SGD()", config.optimizer().toString());
        assertEquals(Integer.MAX_VALUE, config.evalEvery());
    }

    @Test
    void caseWordsParseInOrderWithoutRepeatsAndUnknownOnesNameTheValidOnes() {
        assertEquals(List.of(BenchCase.SMALL, BenchCase.REFERENCE),
                BenchCase.parse(List.of("small", "reference", "small")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchCase.of("tiny"));
        assertEquals("unknown bench case 'tiny'; valid: reference, small", e.getMessage());
    }

    @Test
    void anUnknownCaseFailsBeforeAnythingIsPrinted() {
        Cli result = Cli.run("bench", "--case", "tiny");
        assertEquals(2, result.exitCode());
        assertEquals("", result.out());
        assertEquals("psi bench: unknown bench case 'tiny'; valid: reference, small", result.err().strip());
    }

    @Test
    void compareWithoutPytorchTrainsPsiAndSaysWhyInOneLine() {
        Cli result = Cli.run("bench", "--case", "small", "--epochs", "1", "--threads", "1", "--compare", "--python",
                "/nonexistent/python3");
        assertEquals(0, result.exitCode(), result.err());
        String[] lines = result.out().split("\\R");
        assertTrue(lines[2].startsWith("case=small threads=1 seconds/epoch min="), result.out());
        assertEquals("PyTorch reference skipped: /nonexistent/python3 not found (name another with --python)",
                lines[lines.length - 1]);
    }

    @Test
    void aPythonThatCannotStartIsSkippedWithItsReason() {
        PythonReference.Unavailable e = assertThrows(PythonReference.Unavailable.class,
                () -> PythonReference.find("no-such-python-for-psi"));
        assertTrue(e.getMessage().startsWith("cannot run no-such-python-for-psi: "), e.getMessage());
    }

    @Test
    void resultLinesOfBothSidesParse() {
        assertEquals(new PythonReference.Result("small", 2, 0.0252, 0.0201),
                PythonReference.parse("case=small threads=2 seconds/epoch min=0.0252 all=[0.0269] examples/s=1 "
                        + "val_acc=0.6360 cpu_seconds/epoch min=0.0201").orElseThrow());
        assertTrue(Double.isNaN(PythonReference.parse("case=small threads=2 seconds/epoch min=0.0252 all=[0.0269]")
                .orElseThrow().cpuSeconds()));
        assertTrue(PythonReference.parse("pytorch 1.13.0, case=small: generated 2000 rows").isEmpty());
    }

    @Test
    void theTableDividesPytorchsTimeByPsisAndSkipsOneSidedFigures() {
        Map<String, Map<Integer, BenchComparison.Figure>> psi = new LinkedHashMap<>();
        psi.put("reference", Map.of(1, new BenchComparison.Figure(1.0, 0.8)));
        psi.put("small", new LinkedHashMap<>(Map.of(1, new BenchComparison.Figure(0.05, 0.04))));
        psi.get("small").put(2, new BenchComparison.Figure(0.04, 0.06));
        Map<String, Map<Integer, BenchComparison.Figure>> torch = Map.of(
                "reference", Map.of(1, new BenchComparison.Figure(0.75, 0.6)),
                "small", Map.of(1, new BenchComparison.Figure(0.025, 0.02)));
        String[] rows = BenchComparison.table(psi, torch).split("\\R");
        assertEquals(3, rows.length);
        assertTrue(rows[0].startsWith("case"), rows[0]);
        assertTrue(rows[1].matches("reference +1 +1\\.0000 +0\\.7500 +0\\.75x +0\\.8000 +0\\.6000 +0\\.75x"), rows[1]);
        assertTrue(rows[2].matches("small +1 +0\\.0500 +0\\.0250 +0\\.50x +0\\.0400 +0\\.0200 +0\\.50x"), rows[2]);
    }

    @Test
    void theSummaryGivesEachRatiosSmallestMedianAndLargestOverTheRounds() {
        List<BenchComparison.Round> rounds = List.of(
                round(new BenchComparison.Figure(1.0, 1.0), new BenchComparison.Figure(0.9, 1.2)),
                round(new BenchComparison.Figure(1.0, 2.0), new BenchComparison.Figure(1.1, 1.0)),
                round(new BenchComparison.Figure(2.0, 1.0), new BenchComparison.Figure(1.0, 1.5)),
                round(new BenchComparison.Figure(1.0, 1.0), new BenchComparison.Figure(1.3, 0.8)));
        String[] rows = BenchComparison.summary(rounds).split("\\R");
        assertEquals("PyTorch time / Psi time over 4 rounds: min, median, max", rows[0]);
        assertTrue(rows[1].matches("case +threads +rounds +speed wall +speed cpu"), rows[1]);
        // Wall ratios 0.9, 1.1, 0.5, 1.3: median (0.9 + 1.1) / 2; CPU ratios 1.2, 0.5, 1.5, 0.8: median 1.0.
        assertTrue(rows[2].matches("small +1 +4 +0\\.50x 1\\.00x 1\\.30x +0\\.50x 1\\.00x 1\\.50x"), rows[2]);
        assertEquals(3, rows.length);
    }

    @Test
    void theSummaryLeavesOutRatiosThatAreNotNumbers() {
        List<BenchComparison.Round> rounds = List.of(
                round(new BenchComparison.Figure(1.0, 1.0), new BenchComparison.Figure(0.5, Double.NaN)),
                round(new BenchComparison.Figure(1.0, 1.0), new BenchComparison.Figure(1.5, Double.NaN)));
        String[] rows = BenchComparison.summary(rounds).split("\\R");
        assertTrue(rows[2].matches("small +1 +2 +0\\.50x 1\\.00x 1\\.50x +-"), rows[2]);
    }

    @Test
    void roundsBelowOneFailBeforeAnythingIsPrinted() {
        Cli result = Cli.run("bench", "--rounds", "0");
        assertEquals(2, result.exitCode());
        assertEquals("", result.out());
        assertEquals("psi bench: --rounds must be >= 1, got 0", result.err().strip());
    }

    @Test
    void roundsWithoutPytorchMeasurePsiEachRoundAndSayWhyOnce() {
        Cli result = Cli.run("bench", "--case", "small", "--epochs", "1", "--threads", "1", "--rounds", "2",
                "--compare", "--python", "/nonexistent/python3");
        assertEquals(0, result.exitCode(), result.err());
        String[] lines = result.out().split("\\R");
        assertEquals("round 1 of 2", lines[1]);
        assertEquals("round 2 of 2", lines[4]);
        assertTrue(lines[5].startsWith("case=small: "), result.out());
        assertEquals("PyTorch reference skipped: /nonexistent/python3 not found (name another with --python)",
                lines[lines.length - 1]);
        assertEquals(8, lines.length, result.out());
    }

    @Test
    void aPytorchThatFailsInALaterRoundLeavesTheSummaryOfTheRoundsBeforeIt(@TempDir Path dir) throws IOException {
        // A stand-in for Python: it imports torch, reports one small-case epoch twice, then fails.
        Path python = dir.resolve("python3");
        Files.writeString(python, String.join("\n", "#!/bin/sh",
                "[ \"$1\" = -c ] && exit 0",
                "count=$(cat \"" + dir + "/runs\" 2>/dev/null || echo 0)",
                "echo $((count + 1)) > \"" + dir + "/runs\"",
                "[ \"$count\" -ge 2 ] && exit 3",
                "echo 'case=small threads=1 seconds/epoch min=0.0300 all=[0.0300] examples/s=1 val_acc=0.5000 "
                        + "cpu_seconds/epoch min=0.0300'", ""));
        assertTrue(python.toFile().setExecutable(true));

        Cli result = Cli.run("bench", "--case", "small", "--epochs", "1", "--threads", "1", "--rounds", "4",
                "--compare", "--python", python.toString());

        assertEquals(2, result.exitCode(), result.out());
        assertTrue(result.out().contains("round 3 of 4"), result.out());
        assertFalse(result.out().contains("round 4 of 4"), result.out());
        assertTrue(result.out().contains("PyTorch time / Psi time over 2 rounds: min, median, max"), result.out());
        assertTrue(result.err().strip().matches("psi bench: the PyTorch reference failed in round 3: .*python3 .* "
                + "failed with exit code 3"), result.err());
    }

    /** A round of the small case at one thread: Psi's and PyTorch's best epoch. */
    private static BenchComparison.Round round(BenchComparison.Figure psi, BenchComparison.Figure torch) {
        return new BenchComparison.Round(Map.of("small", Map.of(1, psi)), Map.of("small", Map.of(1, torch)));
    }

    @Test
    void theHeaderSaysHowKernelsAreChosen() {
        assertEquals("pinned to AVX2", BenchCommand.pinning(KernelPinning.PINS));
        assertEquals("not pinned (PSI_PIN_KERNELS=0)", BenchCommand.pinning(Map.of("PSI_PIN_KERNELS", "0")));
        assertNotEquals("pinned to AVX2", BenchCommand.pinning(Map.of()));
    }
}
