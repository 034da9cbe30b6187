package dev.psi.lab.record;

import dev.psi.store.ResultStore;
import dev.psi.store.RunningTrial;
import dev.psi.store.TrialStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Trials a process of this machine left {@code running} when it was killed (SIGKILL, a crash, a full disk
 * that kept it from finishing the row): their process no longer exists, so no one else will ever end them.
 * Every command that writes to the store marks them failed with error {@value TrialStore#INTERRUPTED} on
 * opening it, as {@code psi study} does for its own jobs; a read-only command only shows them so. Their
 * checkpoints stay, so {@code psi train} run again with the same options, or a study's worker, resumes them.
 */
public final class LeftRunning {

    private LeftRunning() {
    }

    /** The ids of the running trials whose process on this machine is gone, oldest first. */
    public static List<Long> find(ResultStore store) {
        List<Long> ids = new ArrayList<>();
        for (RunningTrial trial : store.trials().running()) {
            if (TrialRecords.isGoneFromThisMachine(trial.host())) {
                ids.add(trial.id());
            }
        }
        return ids;
    }

    /** Marks every trial {@link #find} lists interrupted; returns their ids. */
    public static List<Long> interrupt(ResultStore store) {
        List<Long> interrupted = new ArrayList<>();
        for (long id : find(store)) {
            if (store.trials().interrupt(id)) {
                interrupted.add(id);
            }
        }
        return interrupted;
    }
}
