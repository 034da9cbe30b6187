package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the optimizers: owns the per-parameter state buffers (momentum, second moments, initial
 * points, ...) in a manager of its own, so that they outlive the per-step scope in which the update
 * runs, counts the steps, and turns the state into snapshots and back. State that spans all parameters
 * (DoG's distance, Prodigy's D estimate, Schedule-Free's weight sum) is a handful of scalars, which a
 * subclass exposes through {@link #scalars()} and takes back in {@link #restoreScalars}.
 *
 * <p>The default {@link #apply} is θ ← θ − α·d; optimizers whose update is not a multiple of the
 * direction override it.
 */
abstract class StatefulOptimizer implements Optimizer {

    private static final NDIndex ALL = new NDIndex("...");
    private static final double[] NO_SCALARS = {};
    /** Cached scalar tensors: more than the fixed hyper-parameters of any optimizer here. */
    private static final int SCALARS = 16;

    private final String name;
    private final int slots;
    private final NDManager manager;
    private final List<NDArray[]> buffers = new ArrayList<>();
    private final Map<Double, NDArray> scalarTensors = new HashMap<>();
    private long steps;

    StatefulOptimizer(String name, int slots, NDManager parent) {
        this.name = name;
        this.slots = slots;
        this.manager = parent.newSubManager();
    }

    @Override
    public final String name() {
        return name;
    }

    /**
     * θ ← θ − α·d, with α a cached scalar tensor ({@link #scalar}): under a rate that stays the same for many
     * steps, the update is two native calls per parameter instead of four (DJL's {@code mul(Number)} makes and
     * frees a scalar tensor on every call). The same tensors and kernels as before, so the same numbers.
     */
    @Override
    public void apply(List<NDArray> parameters, List<NDArray> directions, double learningRate) {
        NDArray rate = scalar(learningRate);
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).subi(directions.get(i).mul(rate));
        }
    }

    /**
     * A long-lived 0-dimensional tensor holding {@code value}: the very tensor (float64, no shape) that DJL's
     * {@code mul(Number)} and {@code muli(Number)} create and free on every call, so that multiplying by it gives
     * the same numbers. A step that multiplies by a fixed hyper-parameter (momentum, β, a constant α) then costs
     * one native call instead of three (measured: 1.4 µs against 4.6 µs for a 64×64 tensor). Values that change
     * every step (bias corrections, a per-step schedule) still get a tensor each; the cache forgets everything
     * once it holds {@value #SCALARS} values, so it never grows.
     */
    final NDArray scalar(double value) {
        NDArray cached = scalarTensors.get(value);
        if (cached == null) {
            if (scalarTensors.size() >= SCALARS) {
                scalarTensors.values().forEach(NDArray::close);
                scalarTensors.clear();
            }
            cached = manager.create(value);
            // Out of the step's scope: it lives in this optimizer's manager until the cache forgets it or closes.
            NDScope.unregister(cached);
            scalarTensors.put(value, cached);
        }
        return cached;
    }

    /** Scalar tensors cached now (at most {@value #SCALARS}). */
    final int cachedScalars() {
        return scalarTensors.size();
    }

    /**
     * Counts a step and makes room for the buffers of {@code parameters} positions.
     *
     * @return the 1-based step count, as PyTorch's {@code state['step']}
     */
    final long beginStep(int parameters) {
        steps++;
        while (buffers.size() < parameters) {
            buffers.add(new NDArray[slots]);
        }
        return steps;
    }

    /** Steps begun so far (restored with the state). */
    final long steps() {
        return steps;
    }

    /** The buffers of the parameter at {@code position}; a {@code null} entry has not been created yet. */
    final NDArray[] state(int position) {
        return buffers.get(position);
    }

    /** Makes {@code value} a long-lived buffer: out of the step's scope, into this optimizer's manager. */
    final NDArray keep(NDArray value) {
        NDScope.unregister(value);
        value.attach(manager);
        return value;
    }

    /** Puts {@code value} in {@code slot} as a long-lived buffer, freeing the buffer it replaces. */
    final void replace(NDArray[] state, int slot, NDArray value) {
        if (state[slot] != null) {
            state[slot].close();
        }
        state[slot] = keep(value);
    }

    /**
     * Overwrites {@code target}'s values with {@code value}'s, on the device. The tensor itself stays:
     * a model parameter keeps being the one the model reads.
     */
    static void assign(NDArray target, NDArray value) {
        target.set(ALL, value);
    }

    /** The scalar part of the state, in a fixed order; none by default. */
    double[] scalars() {
        return NO_SCALARS;
    }

    /** Takes back the values {@link #scalars()} gave, in the same order. */
    void restoreScalars(double[] values) {
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
        return new OptimizerState(steps, copies, scalars());
    }

    @Override
    public void restore(OptimizerState snapshot) {
        if (snapshot.scalars().length != scalars().length
                || snapshot.buffers().stream().anyMatch(copy -> copy.length != slots)) {
            throw new IllegalArgumentException("the snapshot was not taken from a " + name + " optimizer");
        }
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
        restoreScalars(snapshot.scalars());
    }

    @Override
    public final void close() {
        manager.close();
    }
}
