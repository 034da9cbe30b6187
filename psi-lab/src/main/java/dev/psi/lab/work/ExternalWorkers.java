package dev.psi.lab.work;

import dev.psi.store.JobStatus;
import dev.psi.store.ResultStore;
import java.util.Objects;

/**
 * {@link Workers#external}: a {@link WorkerPool} started whenever the study has queued jobs and none of its
 * workers runs.
 */
final class ExternalWorkers extends QueuedWorkers {

    private final WorkerPool pool;

    ExternalWorkers(ResultStore store, WorkerPool pool, Listener listener) {
        super(store, listener);
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    @Override
    void afterSubmit() {
        if (!pool.running()) {
            pool.start();
        }
    }

    @Override
    void step(String study) {
        // The queue is read only when the pool has stopped: a wave's last workers end once they find it empty,
        // and jobs queued after that (or given back by a dead worker) need a new start.
        if (!pool.running() && store.jobs().states(study).stream().anyMatch(job -> job.status() == JobStatus.QUEUED)) {
            pool.start();
        }
        pause();
    }

    @Override
    public void close() {
        pool.close();
    }
}
