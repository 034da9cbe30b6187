package dev.psi.core.psi;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.StepSignals;
import dev.psi.core.controller.TrainingState;

/**
 * Feeds a controller scripted epochs the way the engine does: for each step {@code beforeUpdate}, the
 * rate read, {@code afterStep}; after each epoch {@code afterEpoch}. The script gives the smoothed loss
 * after each step; the batch loss is taken equal to it, so the first step's is ε₀.
 */
final class Driver {

    static final int STEPS_PER_EPOCH = 4;
    static final int EPOCHS = 10;

    private final Controller controller;
    private int epoch;
    private long step;

    Driver(Controller controller) {
        this(controller, 0, 0);
    }

    private Driver(Controller controller, int epoch, long step) {
        this.controller = controller;
        this.epoch = epoch;
        this.step = step;
    }

    /** Runs one epoch of {@code smoothedAfterEachStep.length} steps; returns the rate used at each. */
    double[] epoch(double... smoothedAfterEachStep) {
        double[] rates = new double[smoothedAfterEachStep.length];
        for (int k = 0; k < rates.length; k++) {
            double loss = smoothedAfterEachStep[k];
            controller.beforeUpdate(state(loss), StepSignals.NONE);
            rates[k] = controller.learningRate();
            step++;
            controller.afterStep(state(loss));
        }
        controller.afterEpoch(state(smoothedAfterEachStep[rates.length - 1]));
        epoch++;
        return rates;
    }

    /** The rate of the first step of one epoch of constant loss. */
    double epochAt(double loss) {
        return epoch(loss, loss, loss, loss)[0];
    }

    /** A driver of a copy of the controller, at the same point of the run. */
    Driver fork() {
        return new Driver(controller.copy(), epoch, step);
    }

    Controller controller() {
        return controller;
    }

    private TrainingState state(double loss) {
        return new TrainingState(epoch, step, STEPS_PER_EPOCH, EPOCHS, loss, loss, Double.NaN, Double.NaN, Double.NaN);
    }
}
