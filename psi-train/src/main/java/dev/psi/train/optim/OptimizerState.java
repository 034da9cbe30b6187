package dev.psi.train.optim;

import java.util.List;

/**
 * A detached copy of an optimizer's state: the step count, per parameter position its buffers (an
 * absent buffer, e.g. before the first step, is {@code null}), and the scalars some optimizers keep
 * across all parameters (DoG's distance, Prodigy's D estimate; empty for the others).
 */
public record OptimizerState(long steps, List<TensorCopy[]> buffers, double[] scalars) {

    public OptimizerState {
        buffers = List.copyOf(buffers);
        scalars = scalars.clone();
    }

    @Override
    public double[] scalars() {
        return scalars.clone();
    }
}
