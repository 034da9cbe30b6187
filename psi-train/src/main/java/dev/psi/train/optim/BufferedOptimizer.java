package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the optimizers whose rule is local to each parameter (SGD, Adam, RMSprop, Adagrad): a
 * parameter's direction depends on its own gradient and buffers only, and the update is θ ← θ − α·d.
 */
abstract class BufferedOptimizer extends StatefulOptimizer {

    BufferedOptimizer(String name, int slots, NDManager parent) {
        super(name, slots, parent);
    }

    /** True: a parameter's direction depends on its own gradient and buffers, element by element. */
    @Override
    public final boolean elementwise() {
        return true;
    }

    @Override
    public final List<NDArray> directions(List<NDArray> parameters, List<NDArray> gradients) {
        long step = beginStep(parameters.size());
        List<NDArray> directions = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            directions.add(direction(parameters.get(i), gradients.get(i), state(i), step));
        }
        return directions;
    }

    /**
     * Advances one parameter's state and returns its update direction d (θ ← θ − α·d).
     *
     * @param state this parameter's buffers; a {@code null} entry has not been created yet
     * @param step the 1-based step count, as PyTorch's {@code state['step']}
     */
    abstract NDArray direction(NDArray parameter, NDArray gradient, NDArray[] state, long step);
}
