package dev.psi.lab.work;

import dev.psi.store.ResultStore;

/**
 * A unit of a study's work that a worker can run on its own: one trial, one oracle trajectory, one long-horizon
 * label trajectory, one search, one range test.
 * A job is a value: its JSON ({@link Jobs#payload}) is all a worker in another process needs, and the same
 * value always names the same work, which is how a rerun finds what is done.
 *
 * <p>Lifecycle: the coordinator queues it ({@link Workers#submit}); one worker claims it, calls
 * {@link #run} on its only training thread and stores the {@link JobResult}; the coordinator reads the
 * trials it stored. Running a job whose trials are all stored finished trains nothing, so a job retried
 * after its worker died redoes at most the trial that was in flight; a {@link TrialJob} resumes even that
 * one from its last finished epoch.
 */
public sealed interface Job permits TrialJob, SampleJob, ScheduleJob, SearchJob, RangeTestJob {

    /** The word the {@code jobs} table stores for this kind, e.g. {@code trial}. */
    String kind();

    /** One line naming the work, e.g. {@code evaluate fmnist-mlp constant seed 2}. */
    String label();

    /**
     * Does the work, writing every trial to {@code store} as it goes; the calling thread must be the only
     * one training in the JVM.
     *
     * @throws dev.psi.train.data.DataException if the task's data is missing
     */
    JobResult run(ResultStore store);
}
