package dev.psi.lab.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import dev.psi.store.JobRecord;
import dev.psi.store.JobStatus;
import dev.psi.store.ResultStore;
import dev.psi.store.StoreException;
import dev.psi.store.TrialSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trial job: stored once, read back after, and resumed from its checkpoint after its process died. */
class TrialJobTest {

    @TempDir
    Path dir;

    private static TrialJob job(String study, String controller) {
        return new TrialJob(study, "evaluate", "teacher-student", controller, null, "SGD(momentum=0.9)", 3, 4, 300,
                "test");
    }

    @Test
    void aDoneTrialIsReadBackNotTrainedAgain() {
        try (ResultStore store = ResultStore.open(dir.resolve("psi.db").toString())) {
            TrialJob job = job("s", "Constant(lr=0.1)");
            JobResult first = job.run(store);
            JobResult second = job.run(store);

            assertTrue(first.line().startsWith("evaluate teacher-student test seed 3: completed, "), first.line());
            assertTrue(second.line().endsWith(" (done before)"), second.line());
            assertEquals(1, store.trials().inStudy("s").size());
            assertEquals(4, job.find(store).orElseThrow().curve().epochs().size());
        }
    }

    /**
     * A job queued by a Psi from before the store carried files names its spec file and its Ψ model by their
     * paths; read from its stored JSON, it still runs where those paths hold.
     */
    @Test
    void aJobThatNamesItsFilesByPathAsEarlierPsiQueuedThemStillRuns() throws Exception {
        Path spec = StoredFilesTest.smallTask(dir.resolve("task"), "small.csv", dir.resolve("task/small.csv"));
        Path model = StoredFilesTest.formulaModel(dir.resolve("psi-formula-0123456789abcdef.json"));
        String payload = "{\"study\":\"s\",\"purpose\":\"evaluate\",\"task\":\"" + spec + "\",\"controller\":"
                + "\"Psi(model=" + model + ")\",\"rates\":null,\"optimizer\":\"SGD()\",\"seed\":1,\"epochs\":2,"
                + "\"trainSize\":null,\"method\":\"psi-formula\"}";
        Job job = Jobs.job(new JobRecord(1, "s", "k", "trial", 0, payload,
                JobStatus.QUEUED, 0, null, null, null));

        try (ResultStore store = ResultStore.open(dir.resolve("psi.db").toString())) {
            JobResult result = job.run(store);

            assertTrue(result.line().startsWith("evaluate small psi-formula seed 1: completed, "), result.line());
            assertEquals("Psi(model=" + model + ")", store.trials().inStudy("s").get(0).controller());
        }
    }

    @Test
    void aFinishedTrialLeavesNoCheckpoint() {
        try (ResultStore store = ResultStore.open(dir.resolve("psi.db").toString())) {
            job("s", "Constant(lr=0.1)").run(store);

            assertTrue(store.checkpoints().of(store.trials().inStudy("s").get(0).id()).isEmpty());
        }
    }

    /**
     * The process "dies" after epoch 1 is stored: a trigger refuses epoch 2's row, and another refuses to
     * mark the trial failed, so the trial is left as a killed process leaves it — running, with the
     * checkpoint of epoch 1. Run again, it resumes after epoch 1 and ends exactly as an uninterrupted run.
     */
    @Test
    void aTrialWhoseProcessDiedResumesAfterItsLastEpochWithTheSameNumbers() throws Exception {
        Path db = dir.resolve("psi.db");
        // A controller with state of its own across epochs, which the checkpoint must carry.
        String controller = "ReduceLROnPlateau(lr=0.3,factor=0.5,patience=0)";
        try (ResultStore store = ResultStore.open(db.toString())) {
            job("reference", controller).run(store);
            store.catalog().ensureStudy("s", "evaluate");
        }
        sql(db, "CREATE TRIGGER die_at_epoch_2 BEFORE INSERT ON epochs WHEN NEW.epoch = 2"
                + " BEGIN SELECT RAISE(ABORT, 'killed'); END");
        sql(db, "CREATE TRIGGER no_goodbye BEFORE UPDATE OF status ON trials WHEN NEW.status = 'failed'"
                + " BEGIN SELECT RAISE(ABORT, 'killed'); END");
        try (ResultStore store = ResultStore.open(db.toString())) {
            assertThrows(StoreException.class, () -> job("s", controller).run(store));
            TrialSummary left = store.trials().inStudy("s").get(0);
            assertEquals(TrialStatus.RUNNING, left.status());
            assertEquals(1, store.checkpoints().of(left.id()).orElseThrow().epoch());
        }
        sql(db, "DROP TRIGGER die_at_epoch_2");
        sql(db, "DROP TRIGGER no_goodbye");

        try (ResultStore store = ResultStore.open(db.toString())) {
            JobResult resumed = job("s", controller).run(store);

            assertTrue(resumed.line().startsWith("evaluate teacher-student test seed 3: completed, "), resumed.line());
            assertTrue(resumed.line().endsWith(" s (resumed after epoch 1)"), resumed.line());
            List<TrialSummary> trials = store.trials().inStudy("s");
            assertEquals(1, trials.size(), "the same trial id went on");
            assertEquals(TrialStatus.COMPLETED, trials.get(0).status());
            assertEquals(withoutTimes(job("reference", controller).find(store).orElseThrow().curve().epochs()),
                    withoutTimes(store.epochs().of(trials.get(0).id())));
            assertTrue(store.checkpoints().of(trials.get(0).id()).isEmpty());
        }
    }

    @Test
    void aCheckpointThatCannotBeRestoredIsDroppedAndTheTrialStartsAfresh() throws Exception {
        Path db = dir.resolve("psi.db");
        try (ResultStore store = ResultStore.open(db.toString())) {
            store.catalog().ensureStudy("s", "evaluate");
        }
        sql(db, "CREATE TRIGGER die_at_epoch_2 BEFORE INSERT ON epochs WHEN NEW.epoch = 2"
                + " BEGIN SELECT RAISE(ABORT, 'killed'); END");
        sql(db, "CREATE TRIGGER no_goodbye BEFORE UPDATE OF status ON trials WHEN NEW.status = 'failed'"
                + " BEGIN SELECT RAISE(ABORT, 'killed'); END");
        try (ResultStore store = ResultStore.open(db.toString())) {
            assertThrows(StoreException.class, () -> job("s", "Constant(lr=0.1)").run(store));
        }
        sql(db, "DROP TRIGGER die_at_epoch_2");
        sql(db, "DROP TRIGGER no_goodbye");
        // As if written by another version of Psi.
        sql(db, "UPDATE checkpoints SET state = X'00010203'");

        try (ResultStore store = ResultStore.open(db.toString())) {
            JobResult result = job("s", "Constant(lr=0.1)").run(store);

            assertFalse(result.line().contains("resumed"), result.line());
            List<TrialSummary> trials = store.trials().inStudy("s");
            assertEquals(2, trials.size());
            assertEquals(TrialStatus.FAILED, trials.get(0).status());
            assertTrue(trials.get(0).error().startsWith("interrupted; its checkpoint could not be restored: "),
                    trials.get(0).error());
            assertTrue(store.checkpoints().of(trials.get(0).id()).isEmpty());
            assertEquals(TrialStatus.COMPLETED, trials.get(1).status());
            assertEquals(4, trials.get(1).epochsDone());
        }
    }

    private static List<EpochResult> withoutTimes(List<EpochResult> epochs) {
        return epochs.stream().map(e -> new EpochResult(e.epoch(), e.lr(), e.trainLoss(), e.valLoss(),
                e.valAccuracy(), e.steps(), 0)).toList();
    }

    private static void sql(Path db, String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
