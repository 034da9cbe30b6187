package dev.psi.core.schedule;

import java.util.List;

/**
 * PyTorch {@code MultiStepLR}: decays the learning rate by {@code gamma} once the epoch reaches each
 * milestone, {@code lr = base_lr · gamma^bisect_right(milestones, epoch)}. A milestone listed twice
 * decays twice, as PyTorch's {@code Counter} does.
 */
final class MultiStepLR extends LrScheduler {

    private static final long serialVersionUID = 1L;

    /** The milestones, sorted, duplicates kept. */
    private final int[] milestones;
    private final double gamma;

    MultiStepLR(ParamGroup group, List<Integer> milestones, double gamma) {
        super(group);
        this.milestones = milestones.stream().mapToInt(Integer::intValue).sorted().toArray();
        this.gamma = gamma;
        start();
    }

    private MultiStepLR(MultiStepLR from, ParamGroup group) {
        super(from, group);
        this.milestones = from.milestones;
        this.gamma = from.gamma;
    }

    @Override
    double chainedLr() {
        int count = bisectRight(milestones, lastEpoch) - bisectRight(milestones, lastEpoch - 1);
        if (count == 0) {
            return group.lr();
        }
        return group.lr() * Math.pow(gamma, count);
    }

    @Override
    double closedFormLr() {
        return baseLr * Math.pow(gamma, bisectRight(milestones, lastEpoch));
    }

    @Override
    public MultiStepLR copyOnto(ParamGroup group) {
        return new MultiStepLR(this, group);
    }
}
