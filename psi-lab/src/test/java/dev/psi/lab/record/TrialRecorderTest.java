package dev.psi.lab.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.TrialStatus;
import dev.psi.store.NewTrial;
import dev.psi.store.ResultStore;
import dev.psi.store.RunningTrial;
import dev.psi.store.StoreException;
import dev.psi.store.TrialSummary;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored trial from its task and study to its outcome, with no training: the recorder's writes alone. */
class TrialRecorderTest {

    private static final TaskSpec TASK = Tasks.builtIn("teacher-student");
    private static final NewTrial PLANNED = NewTrial.builder().study("pilot").task(TASK.name())
            .controller("Constant(lr=0.1)").optimizer("SGD()").seed(1).epochs(3).batchSize(8).host("node-1:7")
            .build();

    @TempDir
    Path dir;

    private ResultStore store;

    @BeforeEach
    void open() {
        store = ResultStore.open(dir.resolve("psi.db").toString());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void startingStoresTheTaskAndStudyThenTheRunningTrial() {
        TrialRecorder recorder = TrialRecorder.start(store, TASK, "evaluate", PLANNED);

        TrialSummary trial = store.trials().inStudy("pilot").get(0);
        assertEquals(List.of(recorder.trialId(), TASK.name(), TrialStatus.RUNNING),
                List.of(trial.id(), trial.task(), trial.status()));
    }

    @Test
    void aTaskWhoseDefinitionChangedIsRefusedBeforeTheTrialIsWritten() {
        store.catalog().ensureTask(TASK.name(), "{\"an\":\"older definition\"}");

        assertThrows(StoreException.class, () -> TrialRecorder.register(store, TASK, "evaluate", PLANNED));
        assertEquals(List.of(), store.trials().all());
    }

    @Test
    void epochsEvaluationsRecoveriesAndTheOutcomeAreWrittenAsTheyCome() {
        TrialRecorder recorder = TrialRecorder.start(store, TASK, "evaluate", PLANNED);
        Evaluation evaluation = new Evaluation(0, 10, 1.0, 0.5, 0.75, 100, 0.25);
        EpochResult epoch = new EpochResult(0, 0.1, 1.0, 0.5, 0.75, 10, 0.5);
        Recovery recovery = new Recovery(1, 20, Recovery.DIVERGED, 0.1);

        recorder.onEvaluations(List.of(evaluation));
        recorder.onEpoch(epoch);
        recorder.onRecovery(recovery);
        recorder.finish(TrialStatus.DIVERGED, 1, null, 2.5);

        long id = recorder.trialId();
        assertEquals(List.of(evaluation), store.evaluations().of(id));
        assertEquals(List.of(epoch), store.epochs().of(id));
        assertEquals(List.of(recovery), store.recoveries().of(id));
        TrialSummary trial = store.trials().all().get(0);
        assertEquals(List.of(TrialStatus.DIVERGED, 1), List.of(trial.status(), trial.divergedEpoch()));
    }

    @Test
    void aTrialThatDidNotDivergeHasNoDivergedEpoch() {
        TrialRecorder recorder = TrialRecorder.start(store, TASK, "evaluate", PLANNED);

        recorder.finish(TrialStatus.PRUNED, 1, null, 1.0);

        assertNull(store.trials().all().get(0).divergedEpoch());
    }

    @Test
    void aResumedAttemptKeepsItsIdAndRunsInThePlannedHost() {
        TrialRecorder first = TrialRecorder.start(store, TASK, "evaluate", PLANNED);
        assertTrue(first.interrupt());
        long earlier = first.trialId();

        TrialRecorder recorder = TrialRecorder.register(store, TASK, "evaluate", PLANNED).resume(earlier);

        assertEquals(earlier, recorder.trialId());
        assertEquals(List.of(earlier), store.trials().running().stream().map(RunningTrial::id).toList());
        assertEquals("node-1:7", store.trials().running().get(0).host());
    }

    @Test
    void theCheckpointIsSavedAndDeleted() {
        TrialRecorder recorder = TrialRecorder.start(store, TASK, "evaluate", PLANNED);

        recorder.saveCheckpoint(0, new byte[] {4, 2});
        assertArrayEquals(new byte[] {4, 2}, store.checkpoints().of(recorder.trialId()).orElseThrow().state());
        recorder.deleteCheckpoint();
        assertTrue(store.checkpoints().of(recorder.trialId()).isEmpty());
    }
}
