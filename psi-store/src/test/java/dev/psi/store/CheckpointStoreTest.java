package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.TrialStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path dir;

    private ResultStore store;
    private long trial;

    @BeforeEach
    void open() {
        store = ResultStore.open(dir.resolve("psi.db").toString(), Fixtures.CLOCK);
        store.ensureTask("tiny", "{}");
        store.ensureStudy("pilot", "evaluate");
        trial = store.startTrial(Fixtures.trial("pilot", "tiny", "Constant(lr=0.1)"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aTrialHasNoCheckpointUntilOneIsSaved() {
        assertTrue(store.checkpoint(trial).isEmpty());
    }

    @Test
    void theSavedCheckpointReadsBackByteForByte() {
        store.saveCheckpoint(trial, 0, new byte[] {1, 2, 3});

        StoredCheckpoint stored = store.checkpoint(trial).orElseThrow();
        assertEquals(0, stored.epoch());
        assertArrayEquals(new byte[] {1, 2, 3}, stored.state());
    }

    @Test
    void aLaterCheckpointReplacesTheEarlierOne() {
        store.saveCheckpoint(trial, 0, new byte[] {1});
        store.saveCheckpoint(trial, 1, new byte[] {2, 2});

        StoredCheckpoint stored = store.checkpoint(trial).orElseThrow();
        assertEquals(1, stored.epoch());
        assertArrayEquals(new byte[] {2, 2}, stored.state());
    }

    @Test
    void deleteRemovesTheCheckpoint() {
        store.saveCheckpoint(trial, 0, new byte[] {1});

        store.deleteCheckpoint(trial);

        assertTrue(store.checkpoint(trial).isEmpty());
    }

    @Test
    void aCheckpointNeedsItsTrial() {
        assertThrows(StoreException.class, () -> store.saveCheckpoint(trial + 1, 0, new byte[] {1}));
    }

    @Test
    void resumeTrialMarksAnInterruptedTrialRunningInItsNewProcess() throws Exception {
        store.finishTrial(trial, TrialStatus.FAILED, null, "interrupted", Double.NaN);

        store.resumeTrial(trial, "node-2:42");

        TrialSummary resumed = store.trials("pilot").get(0);
        assertEquals(TrialStatus.RUNNING, resumed.status());
        assertNull(resumed.error());
        assertEquals(List.of("node-2:42"), Fixtures.query(dir.resolve("psi.db"),
                "SELECT host FROM trials WHERE id = " + trial));
    }

    @Test
    void theResumableCheckpointIsTheLatestUnfinishedAttemptsThatHasOne() {
        NewTrial planned = Fixtures.trial("pilot", "tiny", "Constant(lr=0.1)");
        long interrupted = store.startTrial(planned);
        long bare = store.startTrial(planned);
        store.saveCheckpoint(trial, 1, new byte[] {1});
        store.saveCheckpoint(interrupted, 2, new byte[] {2});
        store.finishTrial(interrupted, TrialStatus.FAILED, null, ResultStore.INTERRUPTED, Double.NaN);

        StoredCheckpoint resumable = store.resumable(store.trialsLike(planned)).orElseThrow();

        assertEquals(interrupted, resumable.trialId());
        assertEquals(2, resumable.epoch());
        assertTrue(store.checkpoint(bare).isEmpty(), "the latest attempt has none, so the one before is taken");
    }

    @Test
    void aFinishedTrialsCheckpointIsNotResumable() {
        NewTrial planned = Fixtures.trial("pilot", "tiny", "Constant(lr=0.1)");
        store.saveCheckpoint(trial, 1, new byte[] {1});
        store.finishTrial(trial, TrialStatus.COMPLETED, null, null, 1.0);

        assertTrue(store.resumable(store.trialsLike(planned)).isEmpty());
    }

    @Test
    void anAbandonedCheckpointIsDeletedAndItsAttemptFailed() {
        store.saveCheckpoint(trial, 1, new byte[] {1});

        store.abandonCheckpoint(trial, "not a checkpoint");

        assertTrue(store.checkpoint(trial).isEmpty());
        TrialSummary abandoned = store.trials("pilot").get(0);
        assertEquals(TrialStatus.FAILED, abandoned.status());
        assertEquals("interrupted; its checkpoint could not be restored: not a checkpoint", abandoned.error());
    }
}
