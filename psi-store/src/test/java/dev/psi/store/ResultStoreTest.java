package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.TrialStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {

    @TempDir
    Path dir;

    private Path db;
    private ResultStore store;

    @BeforeEach
    void open() {
        db = dir.resolve("psi.db");
        store = ResultStore.open(db.toString(), Fixtures.CLOCK);
        store.ensureTask("tiny", "{\"epochs\":3}");
        store.ensureStudy("pilot", "evaluate");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void ensureTaskReturnsTheStoredIdForTheSameSpec() {
        long first = store.ensureTask("other", "{}");

        assertEquals(first, store.ensureTask("other", "{}"));
    }

    @Test
    void ensureTaskRefusesAChangedSpec() {
        StoreException e = assertThrows(StoreException.class, () -> store.ensureTask("tiny", "{\"epochs\":4}"));

        assertEquals("Cannot store task tiny in " + db + ": it is already stored with a different spec;"
                + " give the changed task a new name", e.getMessage());
    }

    @Test
    void ensureStudyRefusesAChangedPurpose() {
        StoreException e = assertThrows(StoreException.class, () -> store.ensureStudy("pilot", "search"));

        assertEquals("Cannot store study pilot in " + db + ": it is already stored with a different purpose;"
                + " give the changed study a new name", e.getMessage());
    }

    @Test
    void startingATrialOfAnUnknownTaskFails() {
        StoreException e = assertThrows(StoreException.class,
                () -> store.startTrial(Fixtures.trial(null, "missing", "ConstantLR(lr=0.1)")));

        assertEquals("Cannot start a trial of task missing in " + db
                + ": task missing is not stored (ensureTask first)", e.getMessage());
    }

    @Test
    void aStartedTrialIsRunningWithNothingMeasured() {
        long id = store.startTrial(Fixtures.trial("pilot", "tiny", "ConstantLR(lr=0.1)"));

        assertEquals(List.of(new TrialSummary(id, "pilot", "tiny", "ConstantLR(lr=0.1)", "SGD(momentum=0.9)", 7,
                TrialStatus.RUNNING, null, null, 3, 0, Double.NaN, Double.NaN, Double.NaN, Fixtures.NOW)),
                store.trials());
    }

    @Test
    void recoveriesAreStoredInOrderAndReadBack() {
        long id = store.startTrial(Fixtures.trial(null, "tiny", "Guard(then=Constant(lr=0.1))"));
        store.recordRecovery(id, new Recovery(2, 30, Recovery.DIVERGED, 0.05));
        store.recordRecovery(id, new Recovery(4, 50, Recovery.REJECTED, 0.025));

        assertEquals(List.of(new Recovery(2, 30, "diverged", 0.05), new Recovery(4, 50, "rejected", 0.025)),
                store.recoveries(id));
    }

    @Test
    void aRecordedEpochIsVisibleToAnotherConnectionAtOnce() throws Exception {
        long id = store.startTrial(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        try (Connection other = Fixtures.raw(db)) {
            store.recordEpoch(id, new EpochResult(0, 0.1, 2.5, 2.25, 0.5, 10, 1.5));

            assertEquals(List.of(id + "|0|0.1|2.5|2.25|0.5|10|1.5|null|null"),
                    Fixtures.query(other, "SELECT * FROM epochs"));
        }
    }

    @Test
    void epochsReadBackInEpochOrder() {
        long id = store.startTrial(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        EpochResult first = new EpochResult(0, 0.1, 2.5, 2.25, 0.5, 10, 1.5);
        EpochResult second = new EpochResult(1, 0.05, 1.5, 1.25, 0.75, 20, 1.25);
        store.recordEpoch(id, second);
        store.recordEpoch(id, first);

        assertEquals(List.of(first, second), store.epochs(id));
    }

    @Test
    void nonFiniteValuesAreStoredAsNullAndReadBackAsNaN() throws Exception {
        long id = store.startTrial(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        store.recordEpoch(id, new EpochResult(0, 0.1, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 10, 1.5));

        assertEquals(List.of("null|null|null"),
                Fixtures.query(db, "SELECT train_loss, val_loss, val_accuracy FROM epochs"));
        assertEquals(List.of(new EpochResult(0, 0.1, Double.NaN, Double.NaN, Double.NaN, 10, 1.5)),
                store.epochs(id));
    }

    @Test
    void recordingAnEpochAgainReplacesIt() {
        long id = store.startTrial(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        store.recordEpoch(id, new EpochResult(0, 0.1, 2.5, 2.25, 0.5, 10, 1.5));
        EpochResult replayed = new EpochResult(0, 0.1, 2.375, 2.125, 0.5625, 10, 1.25);
        store.recordEpoch(id, replayed);

        assertEquals(List.of(replayed), store.epochs(id));
    }

    @Test
    void summarySaysHowACompletedTrialWent() {
        long id = store.startTrial(Fixtures.trial("pilot", "tiny", "StepLR(lr=0.1,step_size=2)"));
        store.recordEpoch(id, new EpochResult(0, 0.1, 2.5, 2.25, 0.5, 10, 1.5));
        store.recordEpoch(id, new EpochResult(1, 0.1, 1.5, 1.25, 0.75, 20, 1.5));
        store.recordEpoch(id, new EpochResult(2, 0.01, 1.25, 1.375, 0.625, 30, 1.5));
        store.finishTrial(id, TrialStatus.COMPLETED, null, null, 4.5);

        assertEquals(List.of(new TrialSummary(id, "pilot", "tiny", "StepLR(lr=0.1,step_size=2)",
                "SGD(momentum=0.9)", 7, TrialStatus.COMPLETED, null, null, 3, 3, 0.75, 1.375, 4.5, Fixtures.NOW)),
                store.trials());
    }

    @Test
    void aDivergedTrialKeepsItsEpoch() {
        long id = store.startTrial(Fixtures.trial(null, "tiny", "ConstantLR(lr=10)"));
        store.recordEpoch(id, new EpochResult(0, 10, Double.NaN, Double.NaN, 0.1, 10, 1.5));
        store.finishTrial(id, TrialStatus.DIVERGED, 0, null, 1.5);

        TrialSummary trial = store.trials().get(0);
        assertEquals(List.of(TrialStatus.DIVERGED, 0),
                List.of(trial.status(), trial.divergedEpoch()));
    }

    @Test
    void aFailedTrialKeepsItsError() {
        long id = store.startTrial(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        store.finishTrial(id, TrialStatus.FAILED, null, "out of memory", 0.5);

        TrialSummary trial = store.trials().get(0);
        assertEquals(List.of(TrialStatus.FAILED, "out of memory"), List.of(trial.status(), trial.error()));
    }

    @Test
    void interruptingARunningTrialFailsItAsInterruptedAndKeepsItsCheckpoint() {
        long id = store.startTrial(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        store.saveCheckpoint(id, 0, new byte[] {1, 2});

        assertTrue(store.interruptTrial(id));

        TrialSummary trial = store.trials().get(0);
        assertEquals(List.of(TrialStatus.FAILED, ResultStore.INTERRUPTED), List.of(trial.status(), trial.error()));
        assertTrue(store.checkpoint(id).isPresent());
    }

    @Test
    void interruptingAFinishedTrialChangesNothing() {
        long id = store.startTrial(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        store.finishTrial(id, TrialStatus.COMPLETED, null, null, 1.0);

        assertFalse(store.interruptTrial(id));

        assertEquals(TrialStatus.COMPLETED, store.trials().get(0).status());
    }

    @Test
    void runningTrialsAreListedWithTheirProcess() {
        long first = store.startTrial(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        long done = store.startTrial(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.2)"));
        store.finishTrial(done, TrialStatus.COMPLETED, null, null, 1.0);

        assertEquals(List.of(new RunningTrial(first, "node-1", Fixtures.NOW)),
                store.runningTrials());
    }

    @Test
    void finishingRecordsTheEndTime() throws Exception {
        long id = store.startTrial(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        store.finishTrial(id, TrialStatus.COMPLETED, null, null, 4.5);

        assertEquals(List.of("completed|2025-01-02T03:04:05.678Z|4.5"),
                Fixtures.query(db, "SELECT status, ended_at, wall_seconds FROM trials"));
    }

    @Test
    void aTrialCannotFinishAsRunning() {
        long id = store.startTrial(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));

        assertThrows(IllegalArgumentException.class,
                () -> store.finishTrial(id, TrialStatus.RUNNING, null, null, 1.0));
    }

    @Test
    void finishingAnUnknownTrialFails() {
        StoreException e = assertThrows(StoreException.class,
                () -> store.finishTrial(99, TrialStatus.COMPLETED, null, null, 1.0));

        assertEquals("Cannot finish trial 99 in " + db + ": there is no trial 99", e.getMessage());
    }

    @Test
    void trialsOfAStudyLeaveOutTheOthers() {
        store.ensureStudy("other", "sample");
        long inPilot = store.startTrial(Fixtures.trial("pilot", "tiny", "ConstantLR(lr=0.1)"));
        store.startTrial(Fixtures.trial("other", "tiny", "ConstantLR(lr=0.1)"));
        store.startTrial(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));

        assertEquals(List.of(inPilot), store.trials("pilot").stream().map(TrialSummary::id).toList());
    }

    @Test
    void storesOfSeveralWritersOnOneFileLoseNoEpoch() throws Exception {
        int writers = 4;
        int epochs = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                // Each writer has its own store, hence its own connection, as a worker process would.
                done.add(pool.submit(() -> {
                    try (ResultStore worker = ResultStore.open(db.toString(), Fixtures.CLOCK)) {
                        long id = worker.startTrial(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
                        for (int epoch = 0; epoch < epochs; epoch++) {
                            worker.recordEpoch(id, new EpochResult(epoch, 0.1, 1, 1, 0.5, epoch, 0.01));
                        }
                        worker.finishTrial(id, TrialStatus.COMPLETED, null, null, 1);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(List.of(writers + "|" + writers * epochs), Fixtures.query(db,
                "SELECT (SELECT COUNT(*) FROM trials WHERE status = 'completed'), (SELECT COUNT(*) FROM epochs)"));
    }
}
