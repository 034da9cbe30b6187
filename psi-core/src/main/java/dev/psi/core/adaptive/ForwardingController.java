package dev.psi.core.adaptive;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.Signal;
import dev.psi.core.controller.StepSignals;
import dev.psi.core.controller.TrainingState;
import java.util.Set;

/**
 * A controller wrapped around another: every hook goes to the inner controller unchanged, so a wrapper
 * such as {@link Warmup} or {@link Guard} overrides only what it adds and the inner controller runs
 * exactly as it would alone.
 */
abstract class ForwardingController implements Controller {

    private static final long serialVersionUID = 1L;

    /** The wrapped controller; replaced only by {@link Guard}, which rewinds it when it retries an epoch. */
    Controller inner;

    ForwardingController(Controller inner) {
        this.inner = inner;
    }

    @Override
    public void checkCovers(int epochs, int stepsPerEpoch) {
        inner.checkCovers(epochs, stepsPerEpoch);
    }

    @Override
    public Set<Signal> signals() {
        return inner.signals();
    }

    @Override
    public void beforeUpdate(TrainingState state, StepSignals signals) {
        inner.beforeUpdate(state, signals);
    }

    @Override
    public double learningRate() {
        return inner.learningRate();
    }

    @Override
    public void afterStep(TrainingState state) {
        inner.afterStep(state);
    }

    @Override
    public void afterEpoch(TrainingState state) {
        inner.afterEpoch(state);
    }

    @Override
    public boolean mayRollBack() {
        return inner.mayRollBack();
    }

    @Override
    public boolean rollBack() {
        return inner.rollBack();
    }

    @Override
    public boolean recoverFromDivergence() {
        return inner.recoverFromDivergence();
    }
}
