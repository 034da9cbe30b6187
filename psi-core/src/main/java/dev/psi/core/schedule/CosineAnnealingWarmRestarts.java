package dev.psi.core.schedule;

/**
 * PyTorch {@code CosineAnnealingWarmRestarts} (SGDR):
 * {@code η_t = η_min + ½(η_max − η_min)(1 + cos(π · T_cur / T_i))}, where {@code T_cur} counts the
 * epochs since the last restart and the period {@code T_i} starts at {@code T_0} and is multiplied by
 * {@code T_mult} at every restart.
 */
final class CosineAnnealingWarmRestarts extends LrScheduler {

    private static final long serialVersionUID = 1L;

    private final int t0;
    private final int tMult;
    private final double etaMin;
    private long tI;
    /** A double because PyTorch's {@code step(epoch)} can make it fractional when {@code T_mult > 1}. */
    private double tCur;

    CosineAnnealingWarmRestarts(ParamGroup group, int t0, int tMult, double etaMin) {
        super(group);
        this.t0 = t0;
        this.tMult = tMult;
        this.etaMin = etaMin;
        this.tI = t0;
        this.tCur = lastEpoch;
        start();
    }

    private CosineAnnealingWarmRestarts(CosineAnnealingWarmRestarts from, ParamGroup group) {
        super(from, group);
        this.t0 = from.t0;
        this.tMult = from.tMult;
        this.etaMin = from.etaMin;
        this.tI = from.tI;
        this.tCur = from.tCur;
    }

    @Override
    double chainedLr() {
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
    }

    /** PyTorch overrides {@code step()} here; a first step (last_epoch < 0) is {@code step(0)}. */
    @Override
    public void step() {
        if (lastEpoch < 0) {
            step(0);
            return;
        }
        tCur = tCur + 1;
        if (tCur >= tI) {
            tCur = tCur - tI;
            tI = tI * tMult;
        }
        lastEpoch = lastEpoch + 1;
        group.setLr(chainedLr());
    }

    @Override
    void step(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("Expected non-negative epoch, but got " + epoch);
        }
        if (epoch >= t0) {
            if (tMult == 1) {
                tCur = epoch % t0;
            } else {
                int n = (int) (Math.log((double) epoch / t0 * (tMult - 1) + 1) / Math.log(tMult));
                tCur = epoch - t0 * (Math.pow(tMult, n) - 1) / (tMult - 1);
                tI = t0 * (long) Math.pow(tMult, n);
            }
        } else {
            tI = t0;
            tCur = epoch;
        }
        lastEpoch = epoch;
        group.setLr(chainedLr());
    }

    @Override
    public CosineAnnealingWarmRestarts copyOnto(ParamGroup group) {
        return new CosineAnnealingWarmRestarts(this, group);
    }
}
