package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the optimizers: owns the per-parameter state buffers (momentum, second moments, ...) in a
 * manager of its own, so that they outlive the per-step scope in which the update runs, and turns them
 * into snapshots and back.
 */
abstract class BufferedOptimizer implements Optimizer {

    private final String name;
    private final int slots;
    private final NDManager manager;
    private final List<NDArray[]> buffers = new ArrayList<>();
    private long steps;

    BufferedOptimizer(String name, int slots, NDManager parent) {
        this.name = name;
        this.slots = slots;
        this.manager = parent.newSubManager();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<NDArray> directions(List<NDArray> parameters, List<NDArray> gradients) {
        steps++;
        while (buffers.size() < parameters.size()) {
            buffers.add(new NDArray[slots]);
        }
        List<NDArray> directions = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            directions.add(direction(parameters.get(i), gradients.get(i), buffers.get(i), steps));
        }
        return directions;
    }

    @Override
    public void apply(List<NDArray> parameters, List<NDArray> directions, double learningRate) {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).subi(directions.get(i).mul(learningRate));
        }
    }

    /**
     * Advances one parameter's state and returns its update direction d (θ ← θ − α·d).
     *
     * @param state this parameter's buffers; a {@code null} entry has not been created yet
     * @param step the 1-based step count, as PyTorch's {@code state['step']}
     */
    abstract NDArray direction(NDArray parameter, NDArray gradient, NDArray[] state, long step);

    /** Makes {@code value} a long-lived buffer: out of the step's scope, into this optimizer's manager. */
    final NDArray keep(NDArray value) {
        NDScope.unregister(value);
        value.attach(manager);
        return value;
    }

    @Override
    public final OptimizerState snapshot() {
        List<TensorCopy[]> copies = new ArrayList<>(buffers.size());
        for (NDArray[] state : buffers) {
            TensorCopy[] copy = new TensorCopy[slots];
            for (int s = 0; s < slots; s++) {
                copy[s] = state[s] == null ? null : TensorCopy.of(state[s]);
            }
            copies.add(copy);
        }
        return new OptimizerState(steps, copies);
    }

    @Override
    public final void restore(OptimizerState snapshot) {
        for (NDArray[] state : buffers) {
            for (NDArray buffer : state) {
                if (buffer != null) {
                    buffer.close();
                }
            }
        }
        buffers.clear();
        steps = snapshot.steps();
        for (TensorCopy[] copy : snapshot.buffers()) {
            NDArray[] state = new NDArray[slots];
            for (int s = 0; s < slots; s++) {
                state[s] = copy[s] == null ? null : keep(copy[s].toArray(manager));
            }
            buffers.add(state);
        }
    }

    @Override
    public final void close() {
        manager.close();
    }
}
