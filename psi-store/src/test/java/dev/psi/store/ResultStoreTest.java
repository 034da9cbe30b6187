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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResultStoreTest {

    @RegisterExtension
    final TempStore temp = new TempStore().task("tiny", "{\"epochs\":3}").study("pilot", "evaluate");

    private Path db;
    private ResultStore store;

    @BeforeEach
    void open() {
        db = temp.file();
        store = temp.store();
    }

    @Test
    void ensureTaskReturnsTheStoredIdForTheSameSpec() {
        long first = store.catalog().ensureTask("other", "{}");

        assertEquals(first, store.catalog().ensureTask("other", "{}"));
    }

    @Test
    void ensureTaskRefusesAChangedSpec() {
        StoreException e = assertThrows(StoreException.class,
                () -> store.catalog().ensureTask("tiny", "{\"epochs\":4}"));

        assertEquals("Cannot store task tiny in " + db + ": it is already stored with a different spec;"
                + " give the changed task a new name", e.getMessage());
    }

    @Test
    void ensureStudyRefusesAChangedPurpose() {
        StoreException e = assertThrows(StoreException.class, () -> store.catalog().ensureStudy("pilot", "search"));

        assertEquals("Cannot store study pilot in " + db + ": it is already stored with a different purpose;"
                + " give the changed study a new name", e.getMessage());
    }

    @Test
    void startingATrialOfAnUnknownTaskFails() {
        StoreException e = assertThrows(StoreException.class,
                () -> store.trials().start(Fixtures.trial(null, "missing", "ConstantLR(lr=0.1)")));

        assertEquals("Cannot start a trial of task missing in " + db
                + ": task missing is not stored (ensureTask first)", e.getMessage());
    }

    @Test
    void aStartedTrialIsRunningWithNothingMeasured() {
        long id = store.trials().start(Fixtures.trial("pilot", "tiny", "ConstantLR(lr=0.1)"));

        assertEquals(List.of(new TrialSummary(id, "pilot", "tiny", "ConstantLR(lr=0.1)", "SGD(momentum=0.9)", 7,
                TrialStatus.RUNNING, null, null, 3, 0, Double.NaN, Double.NaN, Double.NaN, Fixtures.NOW)),
                store.trials().all());
    }

    @Test
    void recoveriesAreStoredInOrderAndReadBack() {
        long id = store.trials().start(Fixtures.trial(null, "tiny", "Guard(then=Constant(lr=0.1))"));
        store.recoveries().record(id, new Recovery(2, 30, Recovery.DIVERGED, 0.05));
        store.recoveries().record(id, new Recovery(4, 50, Recovery.REJECTED, 0.025));

        assertEquals(List.of(new Recovery(2, 30, "diverged", 0.05), new Recovery(4, 50, "rejected", 0.025)),
                store.recoveries().of(id));
    }

    @Test
    void aRecordedEpochIsVisibleToAnotherConnectionAtOnce() throws Exception {
        long id = store.trials().start(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        try (Connection other = Fixtures.raw(db)) {
            store.epochs().record(id, new EpochResult(0, 0.1, 2.5, 2.25, 0.5, 10, 1.5));

            assertEquals(List.of(id + "|0|0.1|2.5|2.25|0.5|10|1.5|null|null"),
                    Fixtures.query(other, "SELECT * FROM epochs"));
        }
    }

    @Test
    void epochsReadBackInEpochOrder() {
        long id = store.trials().start(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        EpochResult first = new EpochResult(0, 0.1, 2.5, 2.25, 0.5, 10, 1.5);
        EpochResult second = new EpochResult(1, 0.05, 1.5, 1.25, 0.75, 20, 1.25);
        store.epochs().record(id, second);
        store.epochs().record(id, first);

        assertEquals(List.of(first, second), store.epochs().of(id));
    }

    @Test
    void nonFiniteValuesAreStoredAsNullAndReadBackAsNaN() throws Exception {
        long id = store.trials().start(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        store.epochs().record(id, new EpochResult(0, 0.1, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 10, 1.5));

        assertEquals(List.of("null|null|null"),
                Fixtures.query(db, "SELECT train_loss, val_loss, val_accuracy FROM epochs"));
        assertEquals(List.of(new EpochResult(0, 0.1, Double.NaN, Double.NaN, Double.NaN, 10, 1.5)),
                store.epochs().of(id));
    }

    @Test
    void recordingAnEpochAgainReplacesIt() {
        long id = store.trials().start(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        store.epochs().record(id, new EpochResult(0, 0.1, 2.5, 2.25, 0.5, 10, 1.5));
        EpochResult replayed = new EpochResult(0, 0.1, 2.375, 2.125, 0.5625, 10, 1.25);
        store.epochs().record(id, replayed);

        assertEquals(List.of(replayed), store.epochs().of(id));
    }

    @Test
    void summarySaysHowACompletedTrialWent() {
        long id = store.trials().start(Fixtures.trial("pilot", "tiny", "StepLR(lr=0.1,step_size=2)"));
        store.epochs().record(id, new EpochResult(0, 0.1, 2.5, 2.25, 0.5, 10, 1.5));
        store.epochs().record(id, new EpochResult(1, 0.1, 1.5, 1.25, 0.75, 20, 1.5));
        store.epochs().record(id, new EpochResult(2, 0.01, 1.25, 1.375, 0.625, 30, 1.5));
        store.trials().finish(id, TrialStatus.COMPLETED, null, null, 4.5);

        assertEquals(List.of(new TrialSummary(id, "pilot", "tiny", "StepLR(lr=0.1,step_size=2)",
                "SGD(momentum=0.9)", 7, TrialStatus.COMPLETED, null, null, 3, 3, 0.75, 1.375, 4.5, Fixtures.NOW)),
                store.trials().all());
    }

    @Test
    void aDivergedTrialKeepsItsEpoch() {
        long id = store.trials().start(Fixtures.trial(null, "tiny", "ConstantLR(lr=10)"));
        store.epochs().record(id, new EpochResult(0, 10, Double.NaN, Double.NaN, 0.1, 10, 1.5));
        store.trials().finish(id, TrialStatus.DIVERGED, 0, null, 1.5);

        TrialSummary trial = store.trials().all().get(0);
        assertEquals(List.of(TrialStatus.DIVERGED, 0),
                List.of(trial.status(), trial.divergedEpoch()));
    }

    @Test
    void aFailedTrialKeepsItsError() {
        long id = store.trials().start(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        store.trials().finish(id, TrialStatus.FAILED, null, "out of memory", 0.5);

        TrialSummary trial = store.trials().all().get(0);
        assertEquals(List.of(TrialStatus.FAILED, "out of memory"), List.of(trial.status(), trial.error()));
    }

    @Test
    void interruptingARunningTrialFailsItAsInterruptedAndKeepsItsCheckpoint() {
        long id = store.trials().start(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        store.checkpoints().save(id, 0, new byte[] {1, 2});

        assertTrue(store.trials().interrupt(id));

        TrialSummary trial = store.trials().all().get(0);
        assertEquals(List.of(TrialStatus.FAILED, TrialStore.INTERRUPTED), List.of(trial.status(), trial.error()));
        assertTrue(store.checkpoints().of(id).isPresent());
    }

    @Test
    void interruptingAFinishedTrialChangesNothing() {
        long id = store.trials().start(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        store.trials().finish(id, TrialStatus.COMPLETED, null, null, 1.0);

        assertFalse(store.trials().interrupt(id));

        assertEquals(TrialStatus.COMPLETED, store.trials().all().get(0).status());
    }

    @Test
    void runningTrialsAreListedWithTheirProcess() {
        long first = store.trials().start(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        long done = store.trials().start(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.2)"));
        store.trials().finish(done, TrialStatus.COMPLETED, null, null, 1.0);

        assertEquals(List.of(new RunningTrial(first, "node-1", Fixtures.NOW)),
                store.trials().running());
    }

    @Test
    void finishingRecordsTheEndTime() throws Exception {
        long id = store.trials().start(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
        store.trials().finish(id, TrialStatus.COMPLETED, null, null, 4.5);

        assertEquals(List.of("completed|2025-01-02T03:04:05.678Z|4.5"),
                Fixtures.query(db, "SELECT status, ended_at, wall_seconds FROM trials"));
    }

    @Test
    void aTrialCannotFinishAsRunning() {
        long id = store.trials().start(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));

        assertThrows(IllegalArgumentException.class,
                () -> store.trials().finish(id, TrialStatus.RUNNING, null, null, 1.0));
    }

    @Test
    void finishingAnUnknownTrialFails() {
        StoreException e = assertThrows(StoreException.class,
                () -> store.trials().finish(99, TrialStatus.COMPLETED, null, null, 1.0));

        assertEquals("Cannot finish trial 99 in " + db + ": there is no trial 99", e.getMessage());
    }

    @Test
    void trialsOfAStudyLeaveOutTheOthers() {
        store.catalog().ensureStudy("other", "sample");
        long inPilot = store.trials().start(Fixtures.trial("pilot", "tiny", "ConstantLR(lr=0.1)"));
        store.trials().start(Fixtures.trial("other", "tiny", "ConstantLR(lr=0.1)"));
        store.trials().start(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));

        assertEquals(List.of(inPilot), store.trials().inStudy("pilot").stream().map(TrialSummary::id).toList());
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
                        long id = worker.trials().start(Fixtures.trial(null, "tiny", "ConstantLR(lr=0.1)"));
                        for (int epoch = 0; epoch < epochs; epoch++) {
                            worker.epochs().record(id, new EpochResult(epoch, 0.1, 1, 1, 0.5, epoch, 0.01));
                        }
                        worker.trials().finish(id, TrialStatus.COMPLETED, null, null, 1);
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
