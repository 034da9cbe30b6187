package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.TrialStatus;
import dev.psi.store.ResultStore;
import dev.psi.core.result.SurfaceRow;
import dev.psi.store.TrialSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTest {

    @TempDir
    static Path shared;

    /** A store holding one grid study, sampled once for the tests that only read it or must not change it. */
    private static Path db;

    @TempDir
    Path dir;

    private static final String[] GRID = {"sample", "--study", "s", "--tasks", "teacher-student", "--mode", "grid",
        "--grid", "0.01,0.1", "--epochs", "2", "--train-size", "300"};

    private static String[] with(String[] args, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(Arrays.asList(more));
        return all.toArray(new String[0]);
    }

    @BeforeAll
    static void sampleOnce() {
        db = shared.resolve("grid.db");
        Cli result = Cli.run(with(GRID, "--db", db.toString()));
        assertEquals(0, result.exitCode(), result.err());
    }

    @Test
    void aGridStudyIsStoredAsTrialsEpochsAndSurfaceRowsAndExported() throws IOException {
        Path out = dir.resolve("csv");
        Cli export = Cli.run("export", "--db", db.toString(), "--out", out.toString());

        assertEquals(0, export.exitCode(), export.err());
        try (ResultStore store = ResultStore.open(db.toString())) {
            List<TrialSummary> trials = store.trials().inStudy("s");
            assertEquals(List.of("Constant(lr=0.01)", "Constant(lr=0.1)"),
                    trials.stream().map(TrialSummary::controller).toList());
            assertEquals(List.of(2, 2), trials.stream().map(TrialSummary::epochsDone).toList());
            assertEquals(List.of(TrialStatus.COMPLETED, TrialStatus.COMPLETED),
                    trials.stream().map(TrialSummary::status).toList());
            List<SurfaceRow> surface = store.surface().of("s");
            assertEquals(4, surface.size());
            assertEquals(List.of("grid"), surface.stream().map(SurfaceRow::kind).distinct().toList());
        }
        List<String> csv = Files.readAllLines(out.resolve("surface.csv"));
        assertEquals(5, csv.size());
        assertTrue(csv.get(0).startsWith("trial_id,study,task,kind,"), csv.get(0));
        assertTrue(csv.get(1).startsWith("1,s,teacher-student,grid,300,"), csv.get(1));
    }

    @Test
    void progressGoesToStderrAndTheSummaryToStdout() {
        Path fresh = dir.resolve("fresh.db");

        Cli result = Cli.run(with(GRID, "--db", fresh.toString()));

        assertEquals(0, result.exitCode(), result.err());
        String[] progress = result.errLines();
        assertEquals(2, progress.length, result.err());
        assertTrue(progress[0].matches("\\[1/2] teacher-student Constant\\(lr=0\\.01\\) seed 1: trial 1 completed, "
                + "2 epochs, 2 surface rows, \\d+\\.\\d s"), progress[0]);
        assertEquals("study s: 2 trials run, 0 skipped (already done)\n"
                + "surface rows: 4\n"
                + "epochs trained: 4\n"
                + "stored in " + fresh + "\n", result.out().replace("\r\n", "\n"));
    }

    @Test
    void theSameCommandAgainSkipsEveryTrial() throws IOException {
        Path copy = Files.copy(db, dir.resolve("again.db"));

        Cli result = Cli.run(with(GRID, "--db", copy.toString()));

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("study s: 0 trials run, 2 skipped (already done)\nsurface rows: 0\n"),
                result.out());
        assertEquals("[2/2] teacher-student Constant(lr=0.1) seed 1: skipped, trial 2 is completed",
                result.errLines()[1]);
        try (ResultStore store = ResultStore.open(copy.toString())) {
            assertEquals(2, store.trials().all().size());
            assertEquals(4, store.surface().of("s").size());
        }
    }

    @Test
    void theOracleReportsItsCost() {
        Path oracle = dir.resolve("oracle.db");

        Cli result = Cli.run("sample", "--study", "o", "--tasks", "noisy-quadratic", "--mode", "oracle",
                "--candidates", "0.5,1,2", "--lr-start", "0.1", "--epochs", "2", "--train-size", "256", "--db",
                oracle.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("surface rows: 8\nepochs trained: 6\n"
                + "oracle cost: 6 epochs trained for 2 trajectory epochs (3.0 per epoch)\n"), result.out());
        assertTrue(result.err().contains("oracle(candidates=[0.5,1,2],horizon=1,objective=val_loss,lr_start=0.1) "
                + "seed 1: trial 1 completed, 2 epochs, 6 epochs trained in all, 8 surface rows"), result.err());
    }

    @Test
    void theLongHorizonLabellerReportsItsCostAndARerunSkipsItsTrial() {
        Path schedules = dir.resolve("schedules.db");
        String[] command = {"sample", "--study", "h", "--tasks", "noisy-quadratic", "--mode", "schedules", "--count",
            "3", "--knots", "2", "--lr-max", "0.5", "--epochs", "2", "--train-size", "128", "--db",
            schedules.toString()};

        Cli result = Cli.run(command);

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("surface rows: 8\nepochs trained: 6\n"
                + "schedules cost: 6 epochs trained for 2 trajectory epochs (3.0 per epoch)\n"), result.out());
        assertTrue(result.err().contains("schedules(count=3,knots=2,lr_min=0.01,lr_max=0.5) seed 1: trial 1 completed, "
                + "2 epochs, 6 epochs trained in all, 8 surface rows"), result.err());
        Cli again = Cli.run(command);
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().startsWith("study h: 0 trials run, 1 skipped (already done)"), again.out());
    }

    @Test
    void sampleAndTrainShareTasksInOneStore() {
        Path both = dir.resolve("both.db");
        Cli train = Cli.run("train", "--task", "teacher-student", "--epochs", "1", "--train-size", "100",
                "--no-progress", "--db", both.toString());
        assertEquals(0, train.exitCode(), train.err());

        Cli result = Cli.run("sample", "--study", "w", "--tasks", "teacher-student", "--mode", "walk", "--seeds", "2",
                "--epochs", "2", "--train-size", "100", "--db", both.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains("walk(sigma=0.5,lr_min=0.0001,lr_max=3,lr_start=0.1) seed 2: trial 3"),
                result.err());
    }

    /** Runs a bad command against the sampled store: one line on stderr, status 2, the file untouched. */
    private static String fails(String... args) throws IOException {
        byte[] before = Files.readAllBytes(db);
        Cli result = Cli.run(with(args, "--db", db.toString()));
        assertEquals(2, result.exitCode(), result.out() + result.err());
        assertEquals(1, result.errLines().length, result.err());
        assertEquals("", result.out());
        assertArrayEquals(before, Files.readAllBytes(db));
        return result.err().strip();
    }

    private static String[] sample(String... args) {
        return with(new String[] {"sample", "--study", "s", "--epochs", "1", "--train-size", "100"}, args);
    }

    @Test
    void badInputIsOneLineAndLeavesTheStoreAlone() throws IOException {
        assertEquals("psi sample: unknown mode 'walks'; valid: walk, grid, oracle, schedules",
                fails(sample("--tasks", "teacher-student", "--mode", "walks")));
        assertTrue(fails(sample("--tasks", "teacher-studnet", "--mode", "walk"))
                .startsWith("psi sample: unknown task 'teacher-studnet'; built-in tasks: "));
        assertEquals("psi sample: --tasks needs at least one value", fails(sample("--tasks", "", "--mode", "walk")));
        assertEquals("psi sample: --tasks has an empty entry: 'teacher-student,'",
                fails(sample("--tasks", "teacher-student,", "--mode", "walk")));
        assertEquals("psi sample: --grid: 'x' is not a number",
                fails(sample("--tasks", "teacher-student", "--mode", "grid", "--grid", "0.1,x")));
        assertEquals("psi sample: --lr-min must be below --lr-max, got 1 and 0.5",
                fails(sample("--tasks", "teacher-student", "--mode", "walk", "--lr-min", "1", "--lr-max", "0.5")));
        assertEquals("psi sample: --candidates needs at least one value",
                fails(sample("--tasks", "teacher-student", "--mode", "oracle", "--candidates", "")));
        assertEquals("psi sample: --candidates must be a positive number, got 0",
                fails(sample("--tasks", "teacher-student", "--mode", "oracle", "--candidates", "0,1")));
        assertEquals("psi sample: --sigma must be a positive number, got NaN",
                fails(sample("--tasks", "teacher-student", "--mode", "walk", "--sigma", "NaN")));
        assertEquals("psi sample: --horizon must be >= 1, got 0",
                fails(sample("--tasks", "teacher-student", "--mode", "oracle", "--horizon", "0")));
        assertEquals("psi sample: unknown objective 'accuracy'; valid: val_loss, train_loss",
                fails(sample("--tasks", "teacher-student", "--mode", "oracle", "--objective", "accuracy")));
        assertEquals("psi sample: --count must be >= 1, got 0",
                fails(sample("--tasks", "teacher-student", "--mode", "schedules", "--count", "0")));
        assertEquals("psi sample: --knots must be in 1..12, got 20",
                fails(sample("--tasks", "teacher-student", "--mode", "schedules", "--knots", "20")));
        assertEquals("psi sample: --lr-min must be below --lr-max, got 5 and 1 (the optimizer's default rate is 0.1)",
                fails(sample("--tasks", "noisy-quadratic", "--mode", "schedules", "--lr-min", "5")));
        assertEquals("psi sample: --lr-start does not apply to --mode schedules",
                fails(sample("--tasks", "teacher-student", "--mode", "schedules", "--lr-start", "0.1")));
        assertEquals("psi sample: --knots does not apply to --mode oracle",
                fails(sample("--tasks", "teacher-student", "--mode", "oracle", "--knots", "3")));
        assertEquals("psi sample: --grid does not apply to --mode walk",
                fails(sample("--tasks", "teacher-student", "--mode", "walk", "--grid", "0.1")));
        assertEquals("psi sample: --seeds must be >= 1, got 0",
                fails(sample("--tasks", "teacher-student", "--mode", "walk", "--seeds", "0")));
        assertEquals("psi sample: unknown optimizer 'Adamax'; valid: SGD, Adam, AdamW, RMSprop, Adagrad, DoG, "
                + "Prodigy, ScheduleFreeSGD, ScheduleFreeAdamW",
                fails(sample("--tasks", "teacher-student", "--mode", "walk", "--optimizer", "Adamax()")));
        assertEquals("psi sample: Invalid value for option '--epochs': 'two' is not an int (see 'psi sample --help')",
                fails("sample", "--study", "s", "--tasks", "teacher-student", "--mode", "walk", "--epochs", "two"));
    }
}
