package dev.psi.lab.record;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.TrialStatus;
import dev.psi.store.NewTrial;
import dev.psi.store.ResultStore;
import dev.psi.train.engine.TrialListener;
import dev.psi.train.task.TaskSpec;
import java.util.List;
import java.util.Objects;

/**
 * One trial as the store records it, written the same way by every command that trains ({@code psi train},
 * a study's trial jobs, the searches, the surface sampler): the trial's task and study are stored first
 * ({@link #register}), then its row is started or an unfinished one taken up again, then every epoch (its
 * evaluations just before it) and roll-back is written as it happens (this is a {@link TrialListener}), and
 * last its outcome ({@link #finish}). Each write is committed at once, so a process killed now loses only the
 * epoch in flight.
 */
public final class TrialRecorder implements TrialListener {

    private final ResultStore store;
    private final long trialId;

    private TrialRecorder(ResultStore store, long trialId) {
        this.store = store;
        this.trialId = trialId;
    }

    /**
     * Stores the task {@code planned} is a trial of and, if it belongs to one, its study (both idempotent): a
     * task whose definition changed under the same name is refused here, before anything about the trial is
     * written or restored.
     *
     * @param purpose the study's purpose, e.g. {@code train}, {@code search} or {@code sample}
     * @return the way to start the trial or take it up again
     */
    public static Registered register(ResultStore store, TaskSpec task, String purpose, NewTrial planned) {
        Objects.requireNonNull(purpose, "purpose");
        if (!task.name().equals(planned.task())) {
            throw new IllegalArgumentException("a trial of task " + planned.task() + " was planned with task "
                    + task.name());
        }
        store.catalog().ensureTask(task.name(), TrialRecords.taskJson(task));
        if (planned.study() != null) {
            store.catalog().ensureStudy(planned.study(), purpose);
        }
        return new Registered(store, planned);
    }

    /** Registers the trial ({@link #register}) and starts it. */
    public static TrialRecorder start(ResultStore store, TaskSpec task, String purpose, NewTrial planned) {
        return register(store, task, purpose, planned).start();
    }

    /** A trial whose task and study are stored, not started yet. */
    public static final class Registered {

        private final ResultStore store;
        private final NewTrial planned;

        private Registered(ResultStore store, NewTrial planned) {
            this.store = store;
            this.planned = planned;
        }

        /** Records the trial as {@code running}, started now. */
        public TrialRecorder start() {
            return new TrialRecorder(store, store.trials().start(planned));
        }

        /**
         * Takes up trial {@code trialId}, an earlier attempt of the planned trial that a killed process left
         * unfinished and whose checkpoint was restored: it is marked running again in the planned trial's host.
         */
        public TrialRecorder resume(long trialId) {
            store.trials().resume(trialId, planned.host());
            return new TrialRecorder(store, trialId);
        }
    }

    /** The trial's id in the store. */
    public long trialId() {
        return trialId;
    }

    /** The store the trial is recorded in. */
    public ResultStore store() {
        return store;
    }

    /** Records the evaluations of one finished epoch, replacing those it had. */
    @Override
    public void onEvaluations(List<Evaluation> evaluations) {
        store.evaluations().record(trialId, evaluations.get(0).epoch(), evaluations);
    }

    /** Records a finished epoch, replacing it if it was stored before. */
    @Override
    public void onEpoch(EpochResult epoch) {
        store.epochs().record(trialId, epoch);
    }

    /** Records a roll-back. */
    @Override
    public void onRecovery(Recovery recovery) {
        store.recoveries().record(trialId, recovery);
    }

    /** Stores the trial's state after {@code epoch}, replacing the previous one, for a killed trial to resume. */
    public void saveCheckpoint(int epoch, byte[] state) {
        store.checkpoints().save(trialId, epoch, state);
    }

    /**
     * Records how the trial ended.
     *
     * @param status {@code COMPLETED}, {@code DIVERGED}, {@code FAILED} or {@code PRUNED}
     * @param epochsDone the epochs it finished; a diverged trial diverged in the next one
     * @param error what stopped a failed trial, or {@code null}
     * @param seconds wall-clock seconds of the whole trial
     */
    public void finish(TrialStatus status, int epochsDone, String error, double seconds) {
        store.trials().finish(trialId, status, status == TrialStatus.DIVERGED ? epochsDone : null, error, seconds);
    }

    /**
     * Records the trial failed as {@value dev.psi.store.TrialStore#INTERRUPTED} if it is still running: its process
     * is being stopped. Its checkpoint stays, so the same command run again resumes it.
     *
     * @return whether the trial was running
     */
    public boolean interrupt() {
        return store.trials().interrupt(trialId);
    }

    /**
     * Records the trial failed with {@code error} if it is still running; one that the process's shutdown marked
     * interrupted meanwhile keeps that mark, so it can resume.
     *
     * @return whether the trial was running
     */
    public boolean failIfRunning(String error) {
        return store.trials().failRunning(trialId, error);
    }

    /** Deletes the trial's checkpoint: once it has ended, there is nothing to resume. */
    public void deleteCheckpoint() {
        store.checkpoints().delete(trialId);
    }
}
