package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.psi.core.controller.Signal;
import dev.psi.core.controller.StepSignals;
import dev.psi.train.optim.TensorCopy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Measures the {@link Signal}s a controller asks for, and nothing else: a controller that asks for
 * none costs the training loop nothing per step. Each measurement is one reduction per parameter and
 * one host synchronization per signal.
 *
 * <p>It keeps what the signals need across steps: a copy of the initial parameters, taken once, for
 * {@link Signal#DISTANCE_FROM_INIT} (a controller restored from a checkpoint may ask for it later), and
 * the previous step's directions for {@link Signal#GRADIENT_DOT_PREVIOUS_DIRECTION}, kept only while
 * that signal is wanted.
 */
final class SignalMeter implements AutoCloseable {

    private final NDManager manager;
    private final List<NDArray> initial = new ArrayList<>();
    private List<NDArray> previousDirections = new ArrayList<>();

    SignalMeter(NDManager parent, List<NDArray> parameters) {
        this.manager = parent.newSubManager();
        for (NDArray parameter : parameters) {
            initial.add(keep(parameter.duplicate()));
        }
    }

    /** The signals of this step that {@code signals} names; call inside the step's scope. */
    StepSignals measure(Set<Signal> signals, List<NDArray> parameters, List<NDArray> gradients,
            List<NDArray> directions) {
        if (signals.isEmpty()) {
            return StepSignals.NONE;
        }
        double gradientNorm = Double.NaN;
        double previous = Double.NaN;
        double current = Double.NaN;
        double distance = Double.NaN;
        if (signals.contains(Signal.GRADIENT_NORM_SQUARED)) {
            gradientNorm = sumOfProducts(gradients, gradients);
        }
        if (signals.contains(Signal.GRADIENT_DOT_PREVIOUS_DIRECTION)) {
            previous = previousDirections.isEmpty() ? 0 : sumOfProducts(gradients, previousDirections);
        }
        if (signals.contains(Signal.GRADIENT_DOT_DIRECTION)) {
            current = sumOfProducts(gradients, directions);
        }
        if (signals.contains(Signal.DISTANCE_FROM_INIT)) {
            NDArray total = null;
            for (int i = 0; i < parameters.size(); i++) {
                NDArray part = parameters.get(i).sub(initial.get(i)).square().sum();
                total = total == null ? part : total.add(part);
            }
            distance = Math.sqrt(total.getFloat());
        }
        return new StepSignals(gradientNorm, previous, current, distance);
    }

    /** Keeps this step's directions for the next step's g·d_{t−1}, when that signal is wanted. */
    void remember(Set<Signal> signals, List<NDArray> directions) {
        if (!signals.contains(Signal.GRADIENT_DOT_PREVIOUS_DIRECTION)) {
            return;
        }
        List<NDArray> copies = new ArrayList<>(directions.size());
        for (NDArray direction : directions) {
            // A direction may be an optimizer buffer that the next step changes in place: copy it.
            copies.add(keep(direction.duplicate()));
        }
        forget();
        previousDirections = copies;
    }

    List<TensorCopy> snapshot() {
        List<TensorCopy> copies = new ArrayList<>(previousDirections.size());
        for (NDArray direction : previousDirections) {
            copies.add(TensorCopy.of(direction));
        }
        return copies;
    }

    void restore(List<TensorCopy> directions) {
        forget();
        List<NDArray> restored = new ArrayList<>(directions.size());
        for (TensorCopy copy : directions) {
            restored.add(keep(copy.toArray(manager)));
        }
        previousDirections = restored;
    }

    @Override
    public void close() {
        manager.close();
    }

    private void forget() {
        for (NDArray direction : previousDirections) {
            direction.close();
        }
        previousDirections = new ArrayList<>();
    }

    private NDArray keep(NDArray array) {
        NDScope.unregister(array);
        array.attach(manager);
        return array;
    }

    private static double sumOfProducts(List<NDArray> left, List<NDArray> right) {
        NDArray total = null;
        for (int i = 0; i < left.size(); i++) {
            NDArray part = left.get(i).mul(right.get(i)).sum();
            total = total == null ? part : total.add(part);
        }
        return total.getFloat();
    }
}
