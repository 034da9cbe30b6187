package dev.psi.lab.surface;

/** Chooses α for every epoch of one sampling trial, trains it to its end and records what it keeps. */
interface EpochDriver {

    /** Trains until the budget is spent or the loss diverges. */
    void drive(SurfaceTrial trial);

    /**
     * Whether this driver stores a checkpoint after every kept epoch and can {@link #resume} from one; a
     * driver that cannot is started again from epoch 0 when its trial was killed.
     */
    default boolean resumable() {
        return false;
    }

    /**
     * Goes on from {@code point}, which {@code trial} has been restored to, as {@link #drive} would have.
     *
     * @throws UnsupportedOperationException if this driver is not {@link #resumable()}
     */
    default void resume(SurfaceTrial trial, TrajectoryCheckpoint point) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not resume");
    }
}
