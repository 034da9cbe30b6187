package dev.psi.lab.work;

import dev.psi.store.ResultStore;
import java.util.Optional;

/** {@link Workers#inProcess}: the waiting thread is the worker. */
final class InProcessWorkers extends QueuedWorkers {

    private Worker worker;

    InProcessWorkers(ResultStore store, Listener listener) {
        super(store, listener);
    }

    @Override
    void step(String study) {
        if (worker == null) {
            worker = new Worker(store, Optional.of(study), Listener.NONE);
        }
        // The job's line reaches the listener through the queue, as a worker process's does.
        if (worker.runNext().isEmpty()) {
            // Everything left is held by workers elsewhere.
            pause();
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
    }
}
