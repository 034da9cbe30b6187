package dev.psi.train.optim;

import java.util.List;

/**
 * A detached copy of an optimizer's state: the step count and, per parameter position, its buffers
 * (an absent buffer, e.g. before the first step, is {@code null}).
 */
public record OptimizerState(long steps, List<TensorCopy[]> buffers) {

    public OptimizerState {
        buffers = List.copyOf(buffers);
    }
}
