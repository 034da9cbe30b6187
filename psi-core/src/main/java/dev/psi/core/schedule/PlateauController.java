package dev.psi.core.schedule;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.TrainingState;

/** Drives {@link ReduceLROnPlateau}: after every epoch it passes the monitored value to {@code step(metric)}. */
final class PlateauController implements Controller {

    private static final long serialVersionUID = 1L;

    private final ReduceLROnPlateau plateau;
    private final Monitor monitor;

    PlateauController(ReduceLROnPlateau plateau, Monitor monitor) {
        this.plateau = plateau;
        this.monitor = monitor;
    }

    @Override
    public double learningRate() {
        return plateau.lr();
    }

    @Override
    public void afterStep(TrainingState state) {
        // The metric exists only once an epoch is validated.
    }

    @Override
    public void afterEpoch(TrainingState state) {
        plateau.step(monitor.read(state));
    }

    @Override
    public PlateauController copy() {
        return new PlateauController(plateau.copy(), monitor);
    }
}
