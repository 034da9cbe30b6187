package dev.psi.core.schedule;

import java.io.Serializable;

/**
 * PyTorch {@code ReduceLROnPlateau}: multiplies the learning rate by {@code factor} (not below
 * {@code min_lr}) once the metric has not improved for more than {@code patience} epochs, then waits
 * {@code cooldown} epochs before counting again. "Improved" means, for mode min, below
 * {@code best · (1 − threshold)} (rel) or {@code best − threshold} (abs), and for mode max above
 * {@code best · (1 + threshold)} or {@code best + threshold}. A reduction smaller than {@code eps} is
 * skipped. A NaN metric never improves, as in PyTorch, where every comparison with NaN is false.
 */
final class ReduceLROnPlateau implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The PyTorch arguments, validated by the caller. */
    record Settings(boolean maximize, double factor, int patience, double threshold, boolean relative,
            int cooldown, double minLr, double eps) implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    private final ParamGroup group;
    private final Settings settings;
    private double best;
    private int numBadEpochs;
    private int cooldownCounter;

    ReduceLROnPlateau(ParamGroup group, Settings settings) {
        this.group = group;
        this.settings = settings;
        this.best = settings.maximize() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    private ReduceLROnPlateau(ReduceLROnPlateau from, ParamGroup group) {
        this.group = group;
        this.settings = from.settings;
        this.best = from.best;
        this.numBadEpochs = from.numBadEpochs;
        this.cooldownCounter = from.cooldownCounter;
    }

    double lr() {
        return group.lr();
    }

    /** {@code scheduler.step(metric)}. */
    void step(double metric) {
        if (isBetter(metric, best)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            // Bad epochs during the cooldown do not count.
            numBadEpochs = 0;
        }
        if (numBadEpochs > settings.patience()) {
            reduceLr();
            cooldownCounter = settings.cooldown();
            numBadEpochs = 0;
        }
    }

    private void reduceLr() {
        double oldLr = group.lr();
        double newLr = Math.max(oldLr * settings.factor(), settings.minLr());
        if (oldLr - newLr > settings.eps()) {
            group.setLr(newLr);
        }
    }

    private boolean isBetter(double a, double best) {
        double threshold = settings.threshold();
        if (settings.maximize()) {
            return settings.relative() ? a > best * (threshold + 1.0) : a > best + threshold;
        }
        return settings.relative() ? a < best * (1.0 - threshold) : a < best - threshold;
    }

    ReduceLROnPlateau copy() {
        return new ReduceLROnPlateau(this, group.copy());
    }
}
