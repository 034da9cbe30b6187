package dev.psi.core.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch {@code SequentialLR}: hands the group to one scheduler after another, switching at each
 * milestone. Its schedulers are built first, on the same group, and take their initial steps then;
 * SequentialLR then restores {@code initial_lr}, undoes those steps and retakes only the first
 * scheduler's. At a milestone the next scheduler is stepped with {@code step(0)}, which puts it at
 * the start of its closed form (or of {@code get_lr()} where it has none).
 */
final class SequentialLR implements Scheduler {

    private static final long serialVersionUID = 1L;

    private final ParamGroup group;
    private final List<LrScheduler> schedulers;
    private final int[] milestones;
    private int lastEpoch;

    SequentialLR(ParamGroup group, List<LrScheduler> schedulers, int[] milestones) {
        if (schedulers.isEmpty() || milestones.length != schedulers.size() - 1) {
            throw new IllegalArgumentException("SequentialLR needs one milestone fewer than schedulers, got "
                    + schedulers.size() + " schedulers and " + milestones.length + " milestones");
        }
        this.group = group;
        this.schedulers = List.copyOf(schedulers);
        this.milestones = milestones.clone();
        this.lastEpoch = 0;
        group.setLr(group.initialLr());
        for (LrScheduler scheduler : this.schedulers) {
            scheduler.undoStep();
        }
        this.schedulers.get(0).initialStep();
    }

    private SequentialLR(SequentialLR from, ParamGroup group) {
        this.group = group;
        List<LrScheduler> copies = new ArrayList<>(from.schedulers.size());
        for (LrScheduler scheduler : from.schedulers) {
            copies.add(scheduler.copyOnto(group));
        }
        this.schedulers = List.copyOf(copies);
        this.milestones = from.milestones;
        this.lastEpoch = from.lastEpoch;
    }

    @Override
    public ParamGroup group() {
        return group;
    }

    @Override
    public void step() {
        lastEpoch++;
        int index = LrScheduler.bisectRight(milestones, lastEpoch);
        LrScheduler scheduler = schedulers.get(index);
        if (index > 0 && milestones[index - 1] == lastEpoch) {
            scheduler.step(0);
        } else {
            scheduler.step();
        }
    }

    @Override
    public SequentialLR copyOnto(ParamGroup group) {
        return new SequentialLR(this, group);
    }
}
