package dev.psi.core.controller;

import java.io.Serializable;

/**
 * Bias-corrected exponential moving average of the batch loss, the smoothed ε that controllers see.
 * The correction divides by 1 − βᵗ as Adam does for its moments (Kingma &amp; Ba 2015, §3), so the
 * first values are the plain mean of the losses so far instead of being pulled towards 0.
 * Serializable, as the engine stores it in the checkpoints a killed trial resumes from.
 */
public final class LossAverage implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double beta;
    private double biased;
    private long count;

    /** @param beta weight of the past, in [0, 1); 0 means no smoothing */
    public LossAverage(double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1), got " + beta);
        }
        this.beta = beta;
    }

    private LossAverage(LossAverage other) {
        this.beta = other.beta;
        this.biased = other.biased;
        this.count = other.count;
    }

    /** Adds one batch loss and returns the new smoothed value. */
    public double add(double loss) {
        count++;
        biased = beta * biased + (1 - beta) * loss;
        return value();
    }

    /** The smoothed loss, {@code NaN} before the first value. */
    public double value() {
        return count == 0 ? Double.NaN : biased / (1 - Math.pow(beta, count));
    }

    public LossAverage copy() {
        return new LossAverage(this);
    }
}
