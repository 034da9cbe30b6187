package dev.psi.core.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch {@code ChainedScheduler}: every {@code step()} steps all its schedulers in order, each
 * chainable one multiplying the lr the previous left in the group. Unlike {@link SequentialLR} it
 * leaves the initial steps its schedulers took when they were built.
 */
final class ChainedScheduler implements Scheduler {

    private static final long serialVersionUID = 1L;

    private final ParamGroup group;
    private final List<Scheduler> schedulers;

    ChainedScheduler(ParamGroup group, List<? extends Scheduler> schedulers) {
        if (schedulers.isEmpty()) {
            throw new IllegalArgumentException("ChainedScheduler needs at least one scheduler");
        }
        this.group = group;
        this.schedulers = List.copyOf(schedulers);
    }

    @Override
    public ParamGroup group() {
        return group;
    }

    @Override
    public void step() {
        for (Scheduler scheduler : schedulers) {
            scheduler.step();
        }
    }

    @Override
    public ChainedScheduler copyOnto(ParamGroup group) {
        List<Scheduler> copies = new ArrayList<>(schedulers.size());
        for (Scheduler scheduler : schedulers) {
            copies.add(scheduler.copyOnto(group));
        }
        return new ChainedScheduler(group, copies);
    }
}
