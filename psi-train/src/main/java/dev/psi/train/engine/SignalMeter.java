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
 * {@link Signal#DISTANCE_FROM_INIT} (a controller restored from a checkpoint may ask for it later); the
 * previous step's directions for {@link Signal#GRADIENT_DOT_PREVIOUS_DIRECTION}; and the moving
 * average of the gradients for {@link Signal#AVERAGED_GRADIENT_DOT_DIRECTION}. The last two are kept
 * only while their signal is wanted and travel with checkpoints ({@link SignalHistory}).
 */
final class SignalMeter implements AutoCloseable {

    /** β of the gradient average: a time scale of 10 steps, as in L4's reference code. */
    private static final double GRADIENT_AVERAGE_BETA = 0.9;

    private final NDManager manager;
    private final List<NDArray> initial = new ArrayList<>();
    private List<NDArray> previousDirections = new ArrayList<>();
    private List<NDArray> gradientAverages = new ArrayList<>();
    private long averagedSteps;

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
        double averaged = Double.NaN;
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
        if (signals.contains(Signal.AVERAGED_GRADIENT_DOT_DIRECTION)) {
            averaged = averageGradients(gradients) * sumOfProducts(gradientAverages, directions);
        }
        if (signals.contains(Signal.DISTANCE_FROM_INIT)) {
            NDArray total = null;
            for (int i = 0; i < parameters.size(); i++) {
                NDArray part = parameters.get(i).sub(initial.get(i)).square().sum();
                total = total == null ? part : total.add(part);
            }
            distance = Math.sqrt(total.getFloat());
        }
        return new StepSignals(gradientNorm, previous, current, averaged, distance);
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
        close(previousDirections);
        previousDirections = copies;
    }

    SignalHistory snapshot() {
        return new SignalHistory(copies(previousDirections), copies(gradientAverages), averagedSteps);
    }

    void restore(SignalHistory state) {
        close(previousDirections);
        close(gradientAverages);
        previousDirections = arrays(state.previousDirections());
        gradientAverages = arrays(state.gradientAverages());
        averagedSteps = state.averagedSteps();
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * Folds this step's gradients into the moving average, ḡ ← βḡ + (1 − β)g, and returns the bias
     * correction 1/(1 − βᵗ) that turns the stored ḡ into the estimate (as Adam's first moment).
     */
    private double averageGradients(List<NDArray> gradients) {
        if (gradientAverages.isEmpty()) {
            for (NDArray gradient : gradients) {
                gradientAverages.add(keep(gradient.zerosLike()));
            }
        }
        for (int i = 0; i < gradients.size(); i++) {
            gradientAverages.get(i).muli(GRADIENT_AVERAGE_BETA).addi(gradients.get(i).mul(1 - GRADIENT_AVERAGE_BETA));
        }
        averagedSteps++;
        return 1 / (1 - Math.pow(GRADIENT_AVERAGE_BETA, averagedSteps));
    }

    private List<NDArray> arrays(List<TensorCopy> copies) {
        List<NDArray> arrays = new ArrayList<>(copies.size());
        for (TensorCopy copy : copies) {
            arrays.add(keep(copy.toArray(manager)));
        }
        return arrays;
    }

    private static List<TensorCopy> copies(List<NDArray> arrays) {
        List<TensorCopy> copies = new ArrayList<>(arrays.size());
        for (NDArray array : arrays) {
            copies.add(TensorCopy.of(array));
        }
        return copies;
    }

    private static void close(List<NDArray> arrays) {
        for (NDArray array : arrays) {
            array.close();
        }
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
