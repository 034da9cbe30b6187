package dev.psi.core.schedule;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.Interval;
import dev.psi.core.controller.TrainingState;

/**
 * Drives a PyTorch-style scheduler from the training loop: one {@code step()} after every optimizer
 * step or after every epoch, as its {@link Interval} says.
 */
final class ScheduleController implements Controller {

    private static final long serialVersionUID = 1L;

    private final Scheduler scheduler;
    private final Interval interval;

    ScheduleController(Scheduler scheduler, Interval interval) {
        this.scheduler = scheduler;
        this.interval = interval;
    }

    Interval interval() {
        return interval;
    }

    @Override
    public double learningRate() {
        return scheduler.lr();
    }

    @Override
    public void afterStep(TrainingState state) {
        if (interval == Interval.STEP) {
            scheduler.step();
        }
    }

    @Override
    public void afterEpoch(TrainingState state) {
        if (interval == Interval.EPOCH) {
            scheduler.step();
        }
    }

    @Override
    public ScheduleController copy() {
        return new ScheduleController(scheduler.copyOnto(scheduler.group().copy()), interval);
    }
}
