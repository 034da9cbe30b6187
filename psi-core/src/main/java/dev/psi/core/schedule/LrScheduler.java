package dev.psi.core.schedule;

/**
 * Port of PyTorch 1.13's {@code torch.optim.lr_scheduler._LRScheduler} for one parameter group,
 * always constructed with {@code last_epoch=-1}.
 *
 * <p>A subclass sets its own fields and then calls {@link #start()}, which does what the end of
 * {@code _LRScheduler.__init__} does: record {@code initial_lr}, take it as the base lr, and take the
 * initial step. Java cannot call an overridable method from the base constructor safely, hence the
 * explicit call.
 */
abstract class LrScheduler implements Scheduler {

    private static final long serialVersionUID = 1L;

    final ParamGroup group;
    /** {@code base_lrs[0]}. */
    double baseLr;
    /** {@code last_epoch}: the number of steps taken, -1 before the initial step. */
    int lastEpoch = -1;
    /** {@code _step_count}, read only by {@link CosineAnnealingLR}. */
    int stepCount;

    LrScheduler(ParamGroup group) {
        this.group = group;
    }

    /** Copy constructor: the state of {@code from}, acting on {@code group}. */
    LrScheduler(LrScheduler from, ParamGroup group) {
        this.group = group;
        this.baseLr = from.baseLr;
        this.lastEpoch = from.lastEpoch;
        this.stepCount = from.stepCount;
    }

    /** The end of {@code _LRScheduler.__init__}. */
    final void start() {
        baseLr = group.setDefaultInitialLr();
        initialStep();
    }

    /** {@code _initial_step()}; {@link SequentialLR} calls it again on its first scheduler. */
    void initialStep() {
        stepCount = 0;
        step();
    }

    /** {@link SequentialLR} undoes the initial step of every scheduler it is given. */
    void undoStep() {
        lastEpoch--;
    }

    @Override
    public ParamGroup group() {
        return group;
    }

    @Override
    public void step() {
        stepCount++;
        lastEpoch++;
        group.setLr(chainedLr());
    }

    /**
     * {@code step(epoch)}, the deprecated form that {@link SequentialLR} uses (with 0) at a milestone:
     * it jumps to {@code epoch} and uses the closed form where the scheduler has one.
     */
    void step(int epoch) {
        stepCount++;
        lastEpoch = epoch;
        group.setLr(closedFormLr());
    }

    /** {@code get_lr()}: the chainable form, which may read the lr the group holds now. */
    abstract double chainedLr();

    /** {@code _get_closed_form_lr()}; schedulers without one fall back to {@code get_lr()}, as PyTorch does. */
    double closedFormLr() {
        return chainedLr();
    }

    @Override
    public abstract LrScheduler copyOnto(ParamGroup group);

    /** Python's {@code bisect.bisect_right}: the number of elements of {@code sorted} that are {@code <= value}. */
    static int bisectRight(int[] sorted, int value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (value < sorted[mid]) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
