package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gives one line on stderr that names the problem, exit status 2, and leaves
 * the trials already in the database untouched.
 */
class BadInputTest {

    @TempDir
    static Path dir;

    private static Path db;
    private static byte[] dbBefore;

    @BeforeAll
    static void trainOnce() throws IOException {
        db = dir.resolve("runs.db");
        Cli result = Cli.run("train", "--task", "teacher-student", "--epochs", "1", "--train-size", "200",
                "--no-progress", "--db", db.toString());
        assertEquals(0, result.exitCode(), result.err());
    }

    private static String fails(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (all.get(0).equals("train")) {
            all.addAll(List.of("--no-progress", "--epochs", "1", "--train-size", "100"));
            if (!all.contains("--db")) {
                all.addAll(List.of("--db", db.toString()));
            }
        }
        Cli result = Cli.run(all.toArray(new String[0]));
        assertEquals(2, result.exitCode(), result.out() + result.err());
        assertEquals(1, result.errLines().length, result.err());
        assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), result.err());
        Cli runs = Cli.run("runs", "--db", db.toString());
        assertEquals(1, runs.out().lines().filter(l -> l.contains("teacher-student")).count(), runs.out());
        return result.err().strip();
    }

    private static Path file(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }

    private static String taskSpec(String name, String data) throws IOException {
        return file(name + ".yaml", "name: " + name + "\ndata: " + data + "\nmodel: linear\nbatch_size: 8\nepochs: 1\n")
                .toString();
    }

    @Test
    void unknownControllerListsValidNames() {
        String message = fails("train", "--task", "teacher-student", "--controller", "StepLr(step_size=2)");
        assertEquals(true, message.startsWith("psi train: unknown controller 'StepLr'; valid: "), message);
        assertEquals(true, message.contains("StepLR"), message);
    }

    @Test
    void unknownOptimizerListsValidNames() {
        assertEquals("psi train: unknown optimizer 'Adamax'; valid: SGD, Adam, AdamW, RMSprop, Adagrad, DoG, Prodigy, "
                + "ScheduleFreeSGD, ScheduleFreeAdamW",
                fails("train", "--task", "teacher-student", "--optimizer", "Adamax()"));
    }

    @Test
    void unknownTaskNamesTheBuiltIns() {
        String message = fails("train", "--task", "fmnist-mpl");
        assertEquals(true, message.startsWith("psi train: unknown task 'fmnist-mpl'"), message);
        assertEquals(true, message.contains("fmnist-mlp"), message);
    }

    @Test
    void unknownArgumentListsValidKeys() {
        String message = fails("train", "--task", "teacher-student", "--controller", "StepLR(lr=0.1,step_size=2,gama=0.5)");
        assertEquals(true, message.startsWith("psi train: StepLR has no argument 'gama'; valid: "), message);
    }

    @Test
    void missingArgumentIsNamed() {
        assertEquals("psi train: StepLR needs step_size=... (given: lr)",
                fails("train", "--task", "teacher-student", "--controller", "StepLR(lr=0.1)"));
    }

    @Test
    void wrongTypeIsNamed() {
        assertEquals("psi train: StepLR: step_size must be a number, got 'two'",
                fails("train", "--task", "teacher-student", "--controller", "StepLR(step_size=two)"));
    }

    @Test
    void outOfRangeValueSaysWhatIsValid() {
        assertEquals("psi train: SGD: momentum=-0.9 is out of range; it must be >= 0",
                fails("train", "--task", "teacher-student", "--optimizer", "SGD(momentum=-0.9)"));
    }

    @Test
    void malformedSpecPointsAtTheCharacter() {
        assertEquals("psi train: malformed spec 'StepLR(step_size=2' at the end: expected ',' or ')' in the "
                + "arguments of StepLR", fails("train", "--task", "teacher-student", "--controller", "StepLR(step_size=2"));
    }

    @Test
    void missingDataFileIsNamed() throws IOException {
        String message = fails("train", "--task", taskSpec("missing", "{format: csv, train: nowhere.csv, validation: 0.2}"));
        assertEquals(true, message.contains("nowhere.csv"), message);
    }

    @Test
    void missingFashionMnistNamesThePackageAndTheVariable() throws IOException {
        String message = fails("train", "--task", taskSpec("nofmnist", "{format: fashion-mnist, dir: " + dir.resolve("empty") + "}"));
        assertEquals(true, message.contains("dataset-fashion-mnist") && message.contains("PSI_DATA"), message);
    }

    @Test
    void truncatedIdxFileIsReported() throws IOException {
        byte[] header = {0, 0, 8, 3, 0, 0, 0, 100, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3};
        Files.write(dir.resolve("images.idx"), header);
        Files.write(dir.resolve("labels.idx"), new byte[] {0, 0, 8, 1, 0, 0, 0, 100});
        String message = fails("train", "--task",
                taskSpec("truncated", "{format: idx, train: images.idx, labels: labels.idx, validation: 0.2}"));
        assertEquals(true, message.contains("truncated"), message);
    }

    @Test
    void nonNumericCsvCellIsLocated() throws IOException {
        file("bad.csv", "1,2,0\n3,x,1\n5,6,0\n7,8,1\n");
        String message = fails("train", "--task", taskSpec("badcell", "{format: csv, train: bad.csv, validation: 0.5}"));
        assertEquals(true, message.contains("bad.csv line 2, column 2: 'x' is not a number"), message);
    }

    @Test
    void labelColumnOutOfRangeSaysTheValidRange() throws IOException {
        file("three.csv", "1,2,0\n3,4,1\n5,6,0\n7,8,1\n");
        String message = fails("train", "--task",
                taskSpec("badlabel", "{format: csv, train: three.csv, label: 5, validation: 0.5}"));
        assertEquals(true, message.contains("5") && message.contains("0") && message.contains("2"), message);
    }

    @Test
    void unwritableDatabasePathIsNamed() {
        String message = fails("train", "--task", "teacher-student", "--db", dir.resolve("no/such/dir/x.db").toString());
        assertEquals(true, message.contains("no/such/dir"), message);
    }

    @Test
    void databaseFileIsUnchangedByRejectedCommands() throws IOException {
        byte[] before = Files.readAllBytes(db);
        fails("train", "--task", "teacher-student", "--controller", "Nope()");
        assertArrayEquals(before, Files.readAllBytes(db));
    }

    @Test
    void readingANonexistentDatabaseDoesNotCreateIt() {
        Path missing = dir.resolve("typo.db");
        Cli result = Cli.run("runs", "--db", missing.toString());
        assertEquals(2, result.exitCode());
        assertEquals("psi runs: no database at " + missing + ": give the --db that 'psi train' wrote to",
                result.err().strip());
        assertEquals(false, Files.exists(missing));
    }

    @Test
    void zeroBatchSizeIsOneLine() {
        assertEquals("psi train: --batch-size must be >= 1, got 0",
                fails("train", "--task", "teacher-student", "--batch-size", "0"));
    }

    @Test
    void unknownOptionIsOneLineWithAPointerToHelp() {
        assertEquals("psi train: Unknown options: '--lr', '0.1' (see 'psi train --help')",
                fails("train", "--task", "teacher-student", "--lr", "0.1"));
    }

    @Test
    void negativeLingerIsOneLine() {
        assertEquals("psi worker: --linger must be >= 0 seconds, got -1",
                fails("worker", "--linger", "-1", "--db", db.toString()));
    }

    @Test
    void negativeWorkersIsOneLine() {
        assertEquals("psi study: --workers must be >= 0, got -1", fails("study", "--workers", "-1", "--db",
                db.toString()));
    }

    @Test
    void executorMistakesAreOneLine() {
        assertEquals("psi study: unknown executor 'mesos'; valid: local, spark", fails("study", "--executor", "mesos",
                "--db", db.toString()));
        assertEquals("psi study: --spark-master goes with --executor spark", fails("study", "--spark-master",
                "local[2]", "--db", db.toString()));
        assertEquals("psi study: --workers 0 trains in this process; with --executor spark give the number of Spark "
                + "tasks at once (>= 1), or leave it out for the executors' cores", fails("study", "--executor", "spark",
                        "--spark-master", "local[2]", "--workers", "0", "--db", db.toString()));
        assertEquals("psi study: --executor spark needs --spark-master URL (e.g. local[2] or spark://host:7077), unless "
                + "spark-submit --master gives it", fails("study", "--executor", "spark", "--db", db.toString()));
        assertEquals("psi study: Spark master spark://head:7077 runs workers on other machines, which reach the store "
                + "over the network: give --db jdbc:postgresql://HOST/DB (a SQLite file is for one machine, e.g. "
                + "--spark-master local[2])", fails("study", "--executor", "spark", "--spark-master",
                        "spark://head:7077", "--db", db.toString()));
        // psi-app alone does not have Spark: psi-spark brings it, and the launcher adds it when asked.
        assertEquals("psi study: executor 'spark' is not on the class path (the ./psi launcher adds psi-spark's class "
                + "path when a command names --executor spark; see README, \"Spark\"); valid: local",
                fails("study", "--executor", "spark", "--spark-master", "local[2]", "--db", db.toString()));
    }

    @Test
    void specNestedTooDeepNamesTheLimit() {
        // Nested this deep, the spec overflowed the stack of the parser and of the controller factories.
        String deep = "Guard(then=".repeat(1000) + "Constant(lr=0.1)" + ")".repeat(1000);
        String message = fails("train", "--task", "teacher-student", "--controller", deep);
        assertTrue(message.endsWith(": nested deeper than 32 levels (specs and lists count alike)"), message);
    }

    @Test
    void listNestedTooDeepNamesTheLimit() {
        String message = fails("schedule", "MultiStepLR(milestones=" + "[".repeat(1000) + "1" + "]".repeat(1000) + ")",
                "--steps", "2");
        assertTrue(message.endsWith(": nested deeper than 32 levels (specs and lists count alike)"), message);
    }

    @Test
    void scheduleStepsAboveTheLimitNamesTheLimit() {
        assertEquals("psi schedule: --steps must be in [1, 100000000], got 2000000000",
                fails("schedule", "StepLR(lr=0.1,step_size=1)", "--steps", "2000000000"));
    }

    @Test
    void fullWidthDigitIsNamedAndNumbersAreExplained() {
        assertEquals("psi train: malformed spec 'StepLR(lr=\uFF10.1,step_size=1)' at character 11: '\uFF10.1' is not a "
                + "number: a number is written with the ASCII digits 0-9, as in 30, -0.5 or 1e-3",
                fails("train", "--task", "teacher-student", "--controller", "StepLR(lr=\uFF10.1,step_size=1)"));
    }

    @Test
    void longControllerNameIsCut() {
        String message = fails("train", "--task", "teacher-student", "--controller", "X".repeat(10_000) + "()");
        assertTrue(message.startsWith("psi train: unknown controller '" + "X".repeat(60) + "…'; valid: "), message);
        assertTrue(message.length() < 500, message);
    }

    @Test
    void longTaskNameIsCut() {
        String message = fails("train", "--task", "t".repeat(10_000));
        assertTrue(message.startsWith("psi train: unknown task '" + "t".repeat(60) + "…'; built-in tasks: "), message);
        assertTrue(message.length() < 500, message);
    }

    @Test
    void fifoAsTrainFileIsNotARegularFile() throws IOException, InterruptedException {
        Path fifo = dir.resolve("fifo.csv");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        String message = fails("train", "--task", taskSpec("fifo", "{format: csv, train: fifo.csv, validation: 0.2}"));
        assertTrue(message.endsWith("data.train: " + fifo + " is not a regular file"), message);
    }

    @Test
    void studyOutThatIsAFileIsOneLine() throws IOException {
        Path file = file("a-file.txt", "x");
        assertEquals("psi study: cannot create the study folder " + file + ": " + file + " exists and is not a directory",
                fails("study", "--out", file.toString(), "--workers", "0", "--db", dir.resolve("study.db").toString()));
    }

    @Test
    void exportOutInsideAFileIsOneLine() throws IOException {
        Path out = file("another-file.txt", "x").resolve("csv");
        assertEquals("psi export: Cannot export results database " + db + " to " + out + ": " + out
                + ": Not a directory", fails("export", "--db", db.toString(), "--out", out.toString()));
    }

    @Test
    void benchRejectsZeroThreadsBeforePrintingAnything() {
        Cli result = Cli.run("bench", "--threads", "0");
        assertEquals(2, result.exitCode());
        assertEquals("", result.out());
        assertEquals("psi bench: --threads must be >= 1, got 0", result.err().strip());
    }

    @Test
    void threadsAboveTheCoresWarnOnceAndTrain() {
        int cores = Runtime.getRuntime().availableProcessors();
        Cli result = Cli.run("train", "--task", "teacher-student", "--threads", Integer.toString(cores + 1), "--epochs",
                "1", "--train-size", "100", "--no-progress", "--db", dir.resolve("threads.db").toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(1, result.errLines().length, result.err());
        assertEquals("psi train: warning: --threads " + (cores + 1) + " is more than the " + cores + " core"
                + (cores == 1 ? "" : "s") + " here; the threads will take turns on them and training will be slower",
                result.err().strip());
        assertTrue(result.out().contains("status: completed"), result.out());
    }

    @Test
    void hugeLossesKeepTheSummaryAndTheRunsColumnsNarrow() {
        Path huge = dir.resolve("huge.db");
        // Plain SGD at lr 2 on the noisy quadratic grows the loss about 1000-fold per epoch without overflowing.
        Cli train = Cli.run("train", "--task", "noisy-quadratic", "--controller", "Constant(lr=2)", "--epochs", "3",
                "--train-size", "200", "--no-progress", "--db", huge.toString());
        assertEquals(0, train.exitCode(), train.err());
        String summary = train.out().lines().filter(l -> l.startsWith("final val loss")).findFirst().orElseThrow();
        assertTrue(summary.matches("final val loss: \\d\\.\\d{3}e\\+\\d\\d, final train loss: \\d\\.\\d{3}e\\+\\d\\d"),
                summary);
        String row = Cli.run("runs", "--db", huge.toString()).out().lines().skip(1).findFirst().orElseThrow();
        assertTrue(row.matches(".*  -  \\d\\.\\d\\de\\+\\d\\d  .*"), row);
    }
}
