package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.TrialStatus;
import dev.psi.store.ResultStore;
import dev.psi.store.TrialSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsPrintsTheTableAndStoresEveryEpoch() {
        Path db = dir.resolve("runs.db");
        Cli result = Cli.run("train", "--task", "fmnist-mlp", "--controller", "OneCycleLR(max_lr=0.1,epochs=2)",
                "--optimizer", "SGD(momentum=0.9)", "--epochs", "2", "--seed", "1", "--no-progress", "--db", db.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("on fmnist-mlp (1667 train / 333 val / 500 test examples, 203530 parameters)"), result.out());
        assertTrue(result.out().contains("epoch           lr  train_loss    val_loss   val_acc   seconds"), result.out());
        assertTrue(result.out().contains("status: completed"), result.out());
        try (ResultStore store = ResultStore.open(db.toString())) {
            TrialSummary trial = store.trials().all().get(0);
            assertEquals(TrialStatus.COMPLETED, trial.status());
            assertEquals("OneCycleLR(max_lr=0.1,epochs=2)", trial.controller());
            assertEquals(2, store.epochs().of(trial.id()).size());
            assertEquals(14L, store.epochs().of(trial.id()).get(0).steps());
            assertTrue(Double.isFinite(store.epochs().of(trial.id()).get(0).testAccuracy()),
                    "the test part is measured");
        }
    }

    @Test
    void sameSeedTwiceGivesTheSameTable() {
        String[] args = {"train", "--task", "teacher-student", "--train-size", "300", "--epochs", "2", "--seed", "5",
            "--no-progress", "--db", dir.resolve("a.db").toString()};
        String first = table(Cli.run(args).out());
        args[args.length - 1] = dir.resolve("b.db").toString();
        assertEquals(first, table(Cli.run(args).out()));
    }

    @Test
    void guardRecoveriesAreRecordedUntilItsBudgetIsSpent() {
        Path db = dir.resolve("guard.db");
        Cli result = Cli.run("train", "--task", "teacher-student", "--train-size", "300", "--epochs", "6",
                "--controller", "Guard(then=Constant(lr=1e9),max_recoveries=2)", "--no-progress", "--db", db.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("status: diverged"), result.out());
        try (ResultStore store = ResultStore.open(db.toString())) {
            long id = store.trials().all().get(0).id();
            List<Recovery> recoveries = store.recoveries().of(id);
            assertEquals(List.of(Recovery.DIVERGED, Recovery.DIVERGED),
                    recoveries.stream().map(Recovery::reason).toList());
            assertEquals(5e8, recoveries.get(0).learningRate());
            assertEquals(2.5e8, recoveries.get(1).learningRate());
            assertEquals(TrialStatus.DIVERGED, store.trials().all().get(0).status());
        }
    }

    @Test
    void aRunWithNoFiniteEpochEndsDivergedAfterItsRetries() {
        Path db = dir.resolve("nan.db");
        Cli result = Cli.run("train", "--task", "teacher-student", "--train-size", "300", "--epochs", "3",
                "--optimizer", "SGD()", "--controller", "Guard(then=Constant(lr=1e6),factor=0.9,max_recoveries=10)",
                "--no-progress", "--db", db.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("status: diverged (loss became NaN or infinite in epoch 0)"), result.out());
        try (ResultStore store = ResultStore.open(db.toString())) {
            long id = store.trials().all().get(0).id();
            assertEquals(TrialStatus.DIVERGED, store.trials().all().get(0).status());
            assertEquals(List.of(), store.epochs().of(id));
            assertEquals(10, store.recoveries().of(id).size());
        }
    }

    @Test
    void aRolledBackEpochIsRetriedAtTheLowerRateWithinTheBudget() {
        Path db = dir.resolve("retry.db");
        Cli result = Cli.run("train", "--task", "teacher-student", "--train-size", "300", "--epochs", "3",
                "--optimizer", "SGD()", "--controller", "Guard(then=Constant(lr=1e5),factor=1e-5)",
                "--no-progress", "--db", db.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("status: completed"), result.out());
        try (ResultStore store = ResultStore.open(db.toString())) {
            long id = store.trials().all().get(0).id();
            List<EpochResult> epochs = store.epochs().of(id);
            assertEquals(List.of(new Recovery(0, 5, Recovery.DIVERGED, 1.0)), store.recoveries().of(id));
            assertEquals(List.of(1.0, 1.0, 1.0), epochs.stream().map(EpochResult::lr).toList());
            // Epochs are 5 steps of 64 examples; the 5 steps of the diverged attempt count in epoch 0.
            assertEquals(List.of(10L, 15L, 20L), epochs.stream().map(EpochResult::steps).toList());
        }
    }

    @Test
    void aScheduleShorterThanTheRunIsRefusedBeforeTraining() {
        Path db = dir.resolve("short.db");
        Cli result = Cli.run("train", "--task", "teacher-student", "--train-size", "256", "--epochs", "4",
                "--controller", "OneCycleLR(max_lr=1,epochs=2)", "--no-progress", "--db", db.toString());

        assertEquals(2, result.exitCode(), result.out() + result.err());
        assertEquals(1, result.errLines().length, result.err());
        assertTrue(result.err().startsWith("psi train: the schedule ends before the run does: OneCycleLR: tried to step"),
                result.err());
        assertTrue(result.err().contains("this run takes 16 steps (4 epochs of 4 steps)"), result.err());
        try (ResultStore store = ResultStore.open(db.toString())) {
            assertEquals(List.of(), store.trials().all());
        }
    }

    @Test
    void aTrainedTrialStoresEveryEvaluation() {
        Path db = dir.resolve("evaluations.db");
        // 200 examples in batches of 64: 4 steps per epoch, so the default eval_every is 1.
        Cli result = Cli.run("train", "--task", "teacher-student", "--train-size", "200", "--epochs", "2",
                "--no-progress", "--db", db.toString());
        assertEquals(0, result.exitCode(), result.err());
        try (ResultStore store = ResultStore.open(db.toString())) {
            List<Evaluation> evaluations = store.evaluations().of(store.trials().all().get(0).id());

            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), evaluations.stream().map(Evaluation::step).toList());
            assertEquals(List.of(1000, 1000, 1000, 2000, 1000, 1000, 1000, 2000),
                    evaluations.stream().map(Evaluation::examples).toList());
        }
    }

    @Test
    void exportWritesEveryTable() throws IOException {
        Path db = dir.resolve("runs.db");
        Cli.run("train", "--task", "teacher-student", "--train-size", "200", "--epochs", "1", "--no-progress", "--db",
                db.toString());
        Path out = dir.resolve("csv");
        Cli result = Cli.run("export", "--db", db.toString(), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        for (String table : List.of("studies", "tasks", "trials", "epochs", "evaluations", "recoveries", "surface",
                "psi_models")) {
            assertTrue(Files.exists(out.resolve(table + ".csv")), table);
        }
        assertEquals(2, Files.readAllLines(out.resolve("epochs.csv")).size());
    }

    @Test
    void psiControllerReportsEpochsOutsideItsFittedRange() throws IOException {
        Path model = dir.resolve("psi.json");
        Files.writeString(model, "{\"format\":\"psi-model/1\",\"kind\":\"formula\",\"features\":[\"epoch_fraction\"],"
                + "\"formula\":\"0.1*(1 - epoch_fraction)\",\"lr_range\":[0.01,0.1],"
                + "\"feature_ranges\":{\"epoch_fraction\":[0,0.5]},\"metrics\":{},\"studies\":[],\"tasks\":[]}");
        // Epoch fractions 0, 0.25, 0.5, 0.75: only 0.75 is beyond 0.5 + 5 % of the range's width.
        Cli result = Cli.run("train", "--task", "teacher-student", "--train-size", "200", "--epochs", "4",
                "--controller", "Psi(model=" + model + ")", "--no-progress", "--db", dir.resolve("psi.db").toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Psi kept its last safe rate 1 time: a feature left the range the model was "
                + "fitted on"), result.out());
    }

    /** The per-epoch rows without the seconds column, which depends on the machine's load. */
    private static String table(String out) {
        StringBuilder rows = new StringBuilder();
        for (String line : out.lines().toList()) {
            if (line.matches("\\s+\\d+\\s.*")) {
                rows.append(line, 0, line.lastIndexOf(' ')).append('\n');
            }
        }
        return rows.toString();
    }
}
