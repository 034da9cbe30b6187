package dev.psi.lab.surface;

/** Chooses α for every epoch of one sampling trial, trains it to its end and records what it keeps. */
interface EpochDriver {

    /** Trains until the budget is spent or the loss diverges. */
    void drive(SurfaceTrial trial);
}
