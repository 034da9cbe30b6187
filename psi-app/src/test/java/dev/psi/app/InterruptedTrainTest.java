package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import dev.psi.store.ResultStore;
import dev.psi.store.TrialStore;
import dev.psi.store.TrialSummary;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code psi train} process killed between epochs: its trial does not stay {@code running}, and the same
 * command run again resumes it from its checkpoint to the numbers of a run that was never stopped.
 */
class InterruptedTrainTest {

    private static final List<String> TRAIN = List.of("train", "--task", "teacher-student", "--train-size", "1000",
            "--epochs", "60", "--seed", "3", "--no-progress");

    @TempDir
    Path dir;

    @Test
    void aKilledTrainIsShownInterruptedMarkedSoByTheNextCommandAndResumed() throws Exception {
        Path db = dir.resolve("kill.db");
        Process train = startBetweenEpochs(db);
        train.destroyForcibly();
        train.waitFor(30, TimeUnit.SECONDS);

        Cli runs = Cli.run("runs", "--db", db.toString());
        assertTrue(runs.out().lines().anyMatch(line -> line.contains("teacher-student") && line.contains("interrupted")),
                runs.out());
        Cli resumed = Cli.run(args(db));

        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("(resumed after epoch "), resumed.out());
        Cli uninterrupted = Cli.run(args(dir.resolve("whole.db")));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());
        try (ResultStore store = ResultStore.open(db.toString());
             ResultStore whole = ResultStore.open(dir.resolve("whole.db").toString())) {
            List<TrialSummary> trials = store.trials().all();
            assertEquals(1, trials.size(), "resumed under its own id: " + trials);
            assertEquals(TrialStatus.COMPLETED, trials.get(0).status());
            assertEquals(measured(whole.epochs().of(1)), measured(store.epochs().of(trials.get(0).id())));
            assertTrue(store.checkpoints().of(trials.get(0).id()).isEmpty());
        }
    }

    @Test
    void aTerminatedTrainMarksItsTrialInterruptedAndKeepsItsCheckpoint() throws Exception {
        Path db = dir.resolve("term.db");
        Process train = startBetweenEpochs(db);
        train.destroy();
        assertTrue(train.waitFor(30, TimeUnit.SECONDS));

        try (ResultStore store = ResultStore.openReadOnly(db.toString())) {
            TrialSummary trial = store.trials().all().get(0);
            assertEquals(List.of(TrialStatus.FAILED, TrialStore.INTERRUPTED), List.of(trial.status(), trial.error()));
            assertTrue(store.checkpoints().of(trial.id()).isPresent());
        }
    }

    /** Starts {@code psi train} in a JVM of its own and returns once it stored its first checkpoint. */
    private Process startBetweenEpochs(Path db) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-D"))
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Psi.class.getName()));
        command.addAll(List.of(args(db)));
        Process train = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("train.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!hasCheckpoint(db)) {
            assertTrue(train.isAlive(), () -> "psi train ended early: " + log());
            assertTrue(System.nanoTime() < deadline, "no checkpoint within 2 minutes");
            Thread.sleep(20);
        }
        return train;
    }

    private boolean hasCheckpoint(Path db) {
        if (!Files.exists(db)) {
            return false;
        }
        try (ResultStore store = ResultStore.openReadOnly(db.toString())) {
            return !store.trials().all().isEmpty()
                    && store.checkpoints().of(store.trials().all().get(0).id()).isPresent();
        } catch (RuntimeException notYet) {
            // The child may be creating the schema right now.
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("train.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String[] args(Path db) {
        List<String> args = new ArrayList<>(TRAIN);
        args.addAll(List.of("--db", db.toString()));
        return args.toArray(new String[0]);
    }

    /** The epochs without their wall-clock seconds, which differ from run to run. */
    private static List<List<Double>> measured(List<EpochResult> epochs) {
        return epochs.stream().map(e -> List.of((double) e.epoch(), e.lr(), e.trainLoss(), e.valLoss(),
                e.valAccuracy(), (double) e.steps())).toList();
    }
}
