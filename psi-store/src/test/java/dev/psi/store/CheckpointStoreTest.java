package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.TrialStatus;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CheckpointStoreTest {

    @RegisterExtension
    final TempStore temp = new TempStore().task("tiny", "{}").study("pilot", "evaluate");

    private ResultStore store;
    private long trial;

    @BeforeEach
    void open() {
        store = temp.store();
        trial = store.trials().start(Fixtures.trial("pilot", "tiny", "Constant(lr=0.1)"));
    }

    @Test
    void aTrialHasNoCheckpointUntilOneIsSaved() {
        assertTrue(store.checkpoints().of(trial).isEmpty());
    }

    @Test
    void theSavedCheckpointReadsBackByteForByte() {
        store.checkpoints().save(trial, 0, new byte[] {1, 2, 3});

        StoredCheckpoint stored = store.checkpoints().of(trial).orElseThrow();
        assertEquals(0, stored.epoch());
        assertArrayEquals(new byte[] {1, 2, 3}, stored.state());
    }

    @Test
    void aLaterCheckpointReplacesTheEarlierOne() {
        store.checkpoints().save(trial, 0, new byte[] {1});
        store.checkpoints().save(trial, 1, new byte[] {2, 2});

        StoredCheckpoint stored = store.checkpoints().of(trial).orElseThrow();
        assertEquals(1, stored.epoch());
        assertArrayEquals(new byte[] {2, 2}, stored.state());
    }

    @Test
    void deleteRemovesTheCheckpoint() {
        store.checkpoints().save(trial, 0, new byte[] {1});

        store.checkpoints().delete(trial);

        assertTrue(store.checkpoints().of(trial).isEmpty());
    }

    @Test
    void aCheckpointNeedsItsTrial() {
        assertThrows(StoreException.class, () -> store.checkpoints().save(trial + 1, 0, new byte[] {1}));
    }

    @Test
    void resumeTrialMarksAnInterruptedTrialRunningInItsNewProcess() throws Exception {
        store.trials().finish(trial, TrialStatus.FAILED, null, "interrupted", Double.NaN);

        store.trials().resume(trial, "node-2:42");

        TrialSummary resumed = store.trials().inStudy("pilot").get(0);
        assertEquals(TrialStatus.RUNNING, resumed.status());
        assertNull(resumed.error());
        assertEquals(List.of("node-2:42"), Fixtures.query(temp.directory().resolve("psi.db"),
                "SELECT host FROM trials WHERE id = " + trial));
    }

    @Test
    void theResumableCheckpointIsTheLatestUnfinishedAttemptsThatHasOne() {
        NewTrial planned = Fixtures.trial("pilot", "tiny", "Constant(lr=0.1)");
        long interrupted = store.trials().start(planned);
        long bare = store.trials().start(planned);
        store.checkpoints().save(trial, 1, new byte[] {1});
        store.checkpoints().save(interrupted, 2, new byte[] {2});
        store.trials().finish(interrupted, TrialStatus.FAILED, null, TrialStore.INTERRUPTED, Double.NaN);

        StoredCheckpoint resumable = store.checkpoints().resumable(store.trials().like(planned)).orElseThrow();

        assertEquals(interrupted, resumable.trialId());
        assertEquals(2, resumable.epoch());
        assertTrue(store.checkpoints().of(bare).isEmpty(), "the latest attempt has none, so the one before is taken");
    }

    @Test
    void aFinishedTrialsCheckpointIsNotResumable() {
        NewTrial planned = Fixtures.trial("pilot", "tiny", "Constant(lr=0.1)");
        store.checkpoints().save(trial, 1, new byte[] {1});
        store.trials().finish(trial, TrialStatus.COMPLETED, null, null, 1.0);

        assertTrue(store.checkpoints().resumable(store.trials().like(planned)).isEmpty());
    }

    @Test
    void anAbandonedCheckpointIsDeletedAndItsAttemptFailed() {
        store.checkpoints().save(trial, 1, new byte[] {1});

        store.checkpoints().abandon(trial, "not a checkpoint");

        assertTrue(store.checkpoints().of(trial).isEmpty());
        TrialSummary abandoned = store.trials().inStudy("pilot").get(0);
        assertEquals(TrialStatus.FAILED, abandoned.status());
        assertEquals("interrupted; its checkpoint could not be restored: not a checkpoint", abandoned.error());
    }
}
