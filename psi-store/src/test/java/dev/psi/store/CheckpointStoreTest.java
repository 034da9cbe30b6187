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
}
