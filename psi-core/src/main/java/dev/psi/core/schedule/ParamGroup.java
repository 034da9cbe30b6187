package dev.psi.core.schedule;

import java.io.Serializable;

/**
 * The one optimizer parameter group that PyTorch schedulers read and write. Schedulers nested in
 * {@link SequentialLR} or {@link ChainedScheduler} share one instance, exactly as PyTorch schedulers
 * share one optimizer, because the chainable forms of {@code get_lr()} read the rate the previous
 * scheduler left behind.
 *
 * <p>Besides {@code lr} it holds the entries that schedulers store in PyTorch's {@code param_group}
 * dict: {@code initial_lr} (recorded by the first scheduler, overwritten by {@link OneCycleLR}) and
 * {@code max_lr}/{@code min_lr} (written by {@link OneCycleLR}). Keeping them here rather than in the
 * scheduler reproduces PyTorch when two schedulers write the same entry.
 */
final class ParamGroup implements Serializable {

    private static final long serialVersionUID = 1L;

    private double lr;
    private double initialLr;
    private boolean hasInitialLr;
    private double maxLr = Double.NaN;
    private double minLr = Double.NaN;

    ParamGroup(double lr) {
        this.lr = lr;
    }

    private ParamGroup(ParamGroup from) {
        this.lr = from.lr;
        this.initialLr = from.initialLr;
        this.hasInitialLr = from.hasInitialLr;
        this.maxLr = from.maxLr;
        this.minLr = from.minLr;
    }

    double lr() {
        return lr;
    }

    void setLr(double lr) {
        this.lr = lr;
    }

    /** {@code group.setdefault('initial_lr', group['lr'])}: the first scheduler's lr wins. */
    double setDefaultInitialLr() {
        if (!hasInitialLr) {
            setInitialLr(lr);
        }
        return initialLr;
    }

    double initialLr() {
        if (!hasInitialLr) {
            throw new IllegalStateException("no scheduler has recorded initial_lr yet");
        }
        return initialLr;
    }

    void setInitialLr(double initialLr) {
        this.initialLr = initialLr;
        this.hasInitialLr = true;
    }

    double maxLr() {
        return maxLr;
    }

    double minLr() {
        return minLr;
    }

    void setCycleBounds(double maxLr, double minLr) {
        this.maxLr = maxLr;
        this.minLr = minLr;
    }

    ParamGroup copy() {
        return new ParamGroup(this);
    }
}
