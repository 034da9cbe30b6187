package dev.psi.lab.surface;

import java.util.SplittableRandom;

/**
 * The rates of a {@link SamplingMode.Walk}: α_0 = the start, then α_{i+1} = clamp(α_i · e^{σZ_i}) with
 * Z_i ~ N(0, 1). The draws come from a {@link SplittableRandom} seeded by the trial seed alone, so a walk
 * is fixed by its mode and seed and does not depend on training (the engine's own generators are
 * separate).
 */
final class LognormalWalk {

    private final SamplingMode.Walk mode;
    private final SplittableRandom random;
    private double next;

    LognormalWalk(SamplingMode.Walk mode, double start, long seed) {
        this.mode = mode;
        this.random = new SplittableRandom(seed);
        this.next = mode.clamp(start);
    }

    /** α of the next epoch: the start on the first call, then one step of the walk per call. */
    double next() {
        double rate = next;
        next = mode.clamp(rate * Math.exp(mode.sigma() * random.nextGaussian()));
        return rate;
    }
}
