package dev.psi.core.schedule;

/**
 * PyTorch {@code CosineAnnealingLR}:
 * {@code η_t = η_min + ½(η_max − η_min)(1 + cos(π · T_cur / T_max))} with {@code η_max} the base lr.
 *
 * <p>PyTorch computes it recursively from the lr in force, which is what makes it chainable and what
 * makes it rise again after {@code T_max} (at {@code T_cur = (2k+1)·T_max} it adds
 * {@code ½(η_max − η_min)(1 − cos(π / T_max))}); this port keeps that recursion, not the closed form,
 * so that values past {@code T_max} and inside {@link ChainedScheduler} match PyTorch.
 */
final class CosineAnnealingLR extends LrScheduler {

    private static final long serialVersionUID = 1L;

    private final int tMax;
    private final double etaMin;

    CosineAnnealingLR(ParamGroup group, int tMax, double etaMin) {
        super(group);
        this.tMax = tMax;
        this.etaMin = etaMin;
        start();
    }

    private CosineAnnealingLR(CosineAnnealingLR from, ParamGroup group) {
        super(from, group);
        this.tMax = from.tMax;
        this.etaMin = from.etaMin;
    }

    @Override
    double chainedLr() {
        if (lastEpoch == 0) {
            return group.lr();
        }
        if (stepCount == 1 && lastEpoch > 0) {
            return etaMin + (baseLr - etaMin) * (1 + Math.cos(lastEpoch * Math.PI / tMax)) / 2;
        }
        if (Math.floorMod(lastEpoch - 1 - tMax, 2 * tMax) == 0) {
            return group.lr() + (baseLr - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax))
                * (group.lr() - etaMin) + etaMin;
    }

    @Override
    double closedFormLr() {
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * lastEpoch / tMax)) / 2;
    }

    @Override
    public CosineAnnealingLR copyOnto(ParamGroup group) {
        return new CosineAnnealingLR(this, group);
    }
}
