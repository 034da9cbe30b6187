package dev.psi.lab.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.core.result.TrialStatus;
import dev.psi.store.NewTrial;
import dev.psi.store.ResultStore;
import dev.psi.store.TrialStore;
import dev.psi.store.TrialSummary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trials left running by a process of this machine that is gone, and only those, are marked interrupted. */
class LeftRunningTest {

    @TempDir
    Path dir;

    private ResultStore store;

    @BeforeEach
    void open() {
        store = ResultStore.open(dir.resolve("runs.db").toString());
        store.catalog().ensureTask("tiny", "{}");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aTrialOfAProcessOfThisMachineThatIsGoneIsInterrupted() throws Exception {
        long id = start(TrialRecords.machine() + ":" + deadPid());

        assertEquals(List.of(id), LeftRunning.interrupt(store));

        TrialSummary trial = store.trials().all().get(0);
        assertEquals(List.of(TrialStatus.FAILED, TrialStore.INTERRUPTED), List.of(trial.status(), trial.error()));
    }

    @Test
    void aTrialOfALiveProcessIsLeftRunning() {
        start(TrialRecords.host());

        assertEquals(List.of(), LeftRunning.interrupt(store));
        assertEquals(TrialStatus.RUNNING, store.trials().all().get(0).status());
    }

    @Test
    void aTrialOfAnotherMachineIsLeftRunning() throws Exception {
        start("another-machine-" + TrialRecords.machine() + ":" + deadPid());

        assertEquals(List.of(), LeftRunning.find(store));
    }

    @Test
    void findingChangesNothing() throws Exception {
        long id = start(TrialRecords.machine() + ":" + deadPid());

        assertEquals(List.of(id), LeftRunning.find(store));
        assertEquals(TrialStatus.RUNNING, store.trials().all().get(0).status());
    }

    private long start(String host) {
        return store.trials().start(NewTrial.builder().task("tiny").controller("Constant(lr=0.1)").optimizer("SGD()")
                .seed(1).epochs(2).batchSize(8).host(host).build());
    }

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
