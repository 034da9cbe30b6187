package dev.psi.core.schedule;

/**
 * PyTorch {@code PolynomialLR}: decays the learning rate polynomially to 0 over {@code total_iters}
 * epochs, {@code lr = base_lr · (1 − min(total_iters, epoch) / total_iters)^power}.
 */
final class PolynomialLR extends LrScheduler {

    private static final long serialVersionUID = 1L;

    private final int totalIters;
    private final double power;

    PolynomialLR(ParamGroup group, int totalIters, double power) {
        super(group);
        this.totalIters = totalIters;
        this.power = power;
        start();
    }

    private PolynomialLR(PolynomialLR from, ParamGroup group) {
        super(from, group);
        this.totalIters = from.totalIters;
        this.power = from.power;
    }

    @Override
    double chainedLr() {
        if (lastEpoch == 0 || lastEpoch > totalIters) {
            return group.lr();
        }
        double decay = Math.pow((1.0 - (double) lastEpoch / totalIters)
                / (1.0 - (double) (lastEpoch - 1) / totalIters), power);
        return group.lr() * decay;
    }

    @Override
    double closedFormLr() {
        return baseLr * Math.pow(1.0 - (double) Math.min(totalIters, lastEpoch) / totalIters, power);
    }

    @Override
    public PolynomialLR copyOnto(ParamGroup group) {
        return new PolynomialLR(this, group);
    }
}
