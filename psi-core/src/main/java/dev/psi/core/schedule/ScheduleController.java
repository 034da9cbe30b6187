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

    /**
     * Steps a copy of the scheduler through the whole run: exact for every composition ({@code SequentialLR}
     * around a {@code OneCycleLR}, say), and a million ticks of arithmetic take milliseconds.
     */
    @Override
    public void checkCovers(int epochs, int stepsPerEpoch) {
        long ticks = interval == Interval.STEP ? (long) epochs * stepsPerEpoch : epochs;
        Scheduler probe = scheduler.copyOnto(scheduler.group().copy());
        try {
            for (long tick = 0; tick < ticks; tick++) {
                probe.step();
            }
        } catch (IllegalStateException e) {
            String run = interval == Interval.STEP
                    ? ticks + " steps (" + epochs + " epochs of " + stepsPerEpoch + " steps)"
                    : ticks + " epochs";
            throw new IllegalArgumentException("the schedule ends before the run does: " + e.getMessage()
                    + ", and this run takes " + run + "; make its total_steps or epochs cover the run");
        }
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
