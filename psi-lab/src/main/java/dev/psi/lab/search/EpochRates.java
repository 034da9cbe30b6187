package dev.psi.lab.search;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.StepSignals;
import dev.psi.core.controller.TrainingState;

/**
 * Replays a {@link RateSchedule}: before every step the rate of the state's epoch. It lives here rather
 * than in the spec language because a discovered schedule is data of one search, not a controller a user
 * would configure.
 */
final class EpochRates implements Controller {

    private static final long serialVersionUID = 1L;

    private final RateSchedule schedule;
    private double rate;

    EpochRates(RateSchedule schedule) {
        this.schedule = schedule;
        this.rate = schedule.rate(0);
    }

    @Override
    public void beforeUpdate(TrainingState state, StepSignals signals) {
        rate = schedule.rate(state.epoch());
    }

    @Override
    public double learningRate() {
        return rate;
    }

    @Override
    public Controller copy() {
        EpochRates copy = new EpochRates(schedule);
        copy.rate = rate;
        return copy;
    }
}
