package dev.psi.lab.surface;

import dev.psi.store.ResultStore;
import dev.psi.store.SurfaceSample;
import java.util.List;
import java.util.Objects;

/**
 * The {@code surface} table of a results store in terms of {@link SurfaceRow}: the store speaks
 * {@link SurfaceSample}, its own copy of the record, because the store module cannot see the lab's
 * types.
 */
public final class SurfaceTable {

    private SurfaceTable() {
    }

    /**
     * Records one row, committed before this returns; a row with the same trial, epoch, kind and learning
     * rate is replaced.
     *
     * @throws dev.psi.store.StoreException if the row's trial is not a trial of its study and task
     */
    public static void record(ResultStore store, SurfaceRow row) {
        Objects.requireNonNull(store, "store");
        store.recordSurface(toSample(row));
    }

    /**
     * Every row the study sampled, ordered by trial, epoch, kind and learning rate; rows of failed
     * (interrupted) trials are left out, since their restarts sample the same epochs again.
     */
    public static List<SurfaceRow> read(ResultStore store, String study) {
        Objects.requireNonNull(store, "store");
        return store.surface(study).stream().map(SurfaceTable::fromSample).toList();
    }

    static SurfaceSample toSample(SurfaceRow row) {
        return new SurfaceSample(row.trialId(), row.study(), row.task(), row.kind(), row.datasetSize(),
                row.parameterCount(), row.batchSize(), row.optimizerFamily(), row.epochs(), row.loss0(), row.epoch(),
                row.loss(), row.meanLoss(), row.lr(), row.nextLoss(), row.convergence(), row.valLoss(),
                row.valAccuracy());
    }

    static SurfaceRow fromSample(SurfaceSample sample) {
        return new SurfaceRow(sample.trialId(), sample.study(), sample.task(), sample.kind(), sample.datasetSize(),
                sample.parameterCount(), sample.batchSize(), sample.optimizerFamily(), sample.epochs(),
                sample.loss0(), sample.epoch(), sample.loss(), sample.meanLoss(), sample.lr(), sample.nextLoss(),
                sample.convergence(), sample.valLoss(), sample.valAccuracy());
    }
}
