package dev.psi.spark;

import dev.psi.lab.work.WorkerExecutor;
import dev.psi.lab.work.WorkerLaunch;
import dev.psi.lab.work.WorkerPool;
import dev.psi.lab.work.Workers;

/**
 * {@code psi study --executor spark}: the study's workers run as Spark tasks ({@link SparkWorkerPool}). Registered
 * in {@code META-INF/services/dev.psi.lab.work.WorkerExecutor}.
 */
public final class SparkExecutor implements WorkerExecutor {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public WorkerPool pool(WorkerLaunch launch, Workers.Listener listener) {
        return new SparkWorkerPool(launch, listener);
    }
}
