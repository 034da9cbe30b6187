package dev.psi.train.engine;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.LossAverage;
import dev.psi.core.result.EpochResult;
import dev.psi.train.optim.OptimizerState;
import dev.psi.train.optim.TensorCopy;
import java.util.List;

/**
 * The full state of a trial between two epochs, held in memory: parameters, optimizer state, what the
 * step measurements carry across steps (when a controller asks for them), controller state, loss average and the position in the data order (the next epoch, whose shuffle is derived from
 * the seed and the epoch index). Restoring it and training on gives the same numbers as never having
 * left, which is what branching from a checkpoint needs.
 */
public record Checkpoint(
        List<TensorCopy> parameters,
        OptimizerState optimizer,
        SignalHistory signals,
        Controller controller,
        LossAverage lossAverage,
        int nextEpoch,
        long steps,
        List<EpochResult> history) {

    public Checkpoint {
        parameters = List.copyOf(parameters);
        history = List.copyOf(history);
        controller = controller.copy();
        lossAverage = lossAverage.copy();
    }
}
