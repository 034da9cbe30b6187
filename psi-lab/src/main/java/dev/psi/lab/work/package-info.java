/**
 * Running jobs: the job kinds a study queues (trials, sampling, searches, range tests), the files they need carried
 * through the store ({@link dev.psi.lab.work.StoredFiles}), the worker loop that claims them from the store's queue,
 * and {@link dev.psi.lab.work.Workers} that start worker processes, run jobs in process, or drive the
 * {@link dev.psi.lab.work.WorkerPool} of a {@link dev.psi.lab.work.WorkerExecutor} found by ServiceLoader (psi-spark's).
 * It may use psi-core, psi-train, the store, Jackson and the {@code rangetest}, {@code record}, {@code search} and {@code surface}
 * packages whose work it runs.
 */
package dev.psi.lab.work;
