package dev.psi.lab.surface;

/**
 * A driver that stores a checkpoint after every kept epoch ({@link SurfaceTrial#saveCheckpoint}) and can go on
 * from one. A driver that is not one starts its trial again from epoch 0 when its process was killed.
 */
interface ResumableDriver extends EpochDriver {

    /** Goes on from {@code point}, which {@code trial} has been restored to, as {@link #drive} would have. */
    void resume(SurfaceTrial trial, TrajectoryCheckpoint point);
}
