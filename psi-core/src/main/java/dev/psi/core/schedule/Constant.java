package dev.psi.core.schedule;

/**
 * Psi's {@code Constant}: the base learning rate, always. It is PyTorch's
 * {@code LambdaLR(lr_lambda=lambda epoch: 1.0)}, so inside {@link SequentialLR} it restores the base
 * lr and inside {@link ChainedScheduler} it resets whatever the schedulers before it did.
 */
final class Constant extends LrScheduler {

    private static final long serialVersionUID = 1L;

    Constant(ParamGroup group) {
        super(group);
        start();
    }

    private Constant(Constant from, ParamGroup group) {
        super(from, group);
    }

    @Override
    double chainedLr() {
        return baseLr;
    }

    @Override
    public Constant copyOnto(ParamGroup group) {
        return new Constant(this, group);
    }
}
