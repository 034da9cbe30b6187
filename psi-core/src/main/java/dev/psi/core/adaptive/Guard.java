package dev.psi.core.adaptive;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.TrainingState;
import java.io.Serializable;

/**
 * Divergence recovery around any controller: α = s · α_inner, where the scale s starts at 1 and is
 * multiplied by {@code factor} at every recovery. A recovery happens
 * <ul>
 *   <li>when a batch loss is NaN or infinite ({@link #recoverFromDivergence()}), and</li>
 *   <li>with {@code threshold=k}, after an epoch whose mean training loss exceeds k times the best loss
 *       seen so far, or is not finite ({@link #rollBack()}); this assumes a non-negative loss. The best
 *       is the lowest of the smoothed batch losses and of the accepted epoch losses, so a run that
 *       blows up within its first epoch is caught too (its first batches set the reference).</li>
 * </ul>
 * Either kind makes the engine restore the parameters of the epoch start and train the epoch again
 * with a smaller step, the usual remedy for a rate that was too large (the "rejected step, smaller
 * rate" rule of Vogl et al. 1988, applied to divergence). The inner controller is rewound to its state
 * at the start of that epoch too, so that the retried epoch sees the same schedule (a
 * {@code OneCycleLR} inside does not run past its total steps), only scaled down. Both kinds share one
 * budget of {@code max_recoveries}; once it is spent the guard stops recovering and passes the
 * question to the inner controller, so a run that keeps diverging ends instead of looping.
 *
 * <p>All other hooks go to the inner controller unchanged. A roll-back the inner controller asks for
 * (e.g. {@code BoldDriver(undo=true)}) is passed on without touching the scale or the budget.
 */
public final class Guard extends ForwardingController {

    // 2 since the guard rewinds its inner controller: a checkpoint of the earlier form is refused, not misread.
    private static final long serialVersionUID = 2L;

    /**
     * @param factor what each recovery multiplies the scale by, in (0, 1)
     * @param maxRecoveries the recoveries allowed in a run, at least 1
     * @param threshold k, when epochs are rejected for a loss above k times the best; {@code NaN} for none
     *     (a double rather than an {@code OptionalDouble}, which is not serializable)
     */
    record Settings(double factor, int maxRecoveries, double threshold) implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    private final Settings settings;
    private double scale;
    private int recoveries;
    /** The lowest smoothed batch loss or accepted epoch loss so far; {@code NaN} before the first. */
    private double best;
    private boolean rejected;
    /** The inner controller as the current epoch started: what a recovery rewinds it to. */
    private Controller innerAtEpochStart;

    Guard(Controller inner, Settings settings) {
        this(inner, settings, 1, 0, Double.NaN, false, inner.copy());
    }

    private Guard(Controller inner, Settings settings, double scale, int recoveries, double best, boolean rejected,
            Controller innerAtEpochStart) {
        super(inner);
        this.settings = settings;
        this.scale = scale;
        this.recoveries = recoveries;
        this.best = best;
        this.rejected = rejected;
        this.innerAtEpochStart = innerAtEpochStart;
    }

    /** The recoveries this guard made so far, from divergence and from the threshold together. */
    public int recoveries() {
        return recoveries;
    }

    @Override
    public double learningRate() {
        return scale * inner.learningRate();
    }

    @Override
    public void afterStep(TrainingState state) {
        inner.afterStep(state);
        lower(state.smoothedLoss());
    }

    @Override
    public void afterEpoch(TrainingState state) {
        inner.afterEpoch(state);
        rejected = false;
        if (Double.isNaN(settings.threshold())) {
            innerAtEpochStart = inner.copy();
            return;
        }
        double loss = state.epochLoss();
        boolean exceeds = !Double.isNaN(best) && !(loss <= settings.threshold() * best);
        if (exceeds && recover()) {
            rejected = true;
        } else {
            lower(loss);
            innerAtEpochStart = inner.copy();
        }
    }

    private void lower(double loss) {
        if (Double.isFinite(loss) && !(loss >= best)) {
            best = loss;
        }
    }

    /** Always: the guard needs the epoch checkpoints to recover from. */
    @Override
    public boolean mayRollBack() {
        return true;
    }

    @Override
    public boolean rollBack() {
        // When the guard rejects, the inner controller was rewound to the epoch start and has no say.
        return rejected || inner.rollBack();
    }

    @Override
    public boolean recoverFromDivergence() {
        return recover() || inner.recoverFromDivergence();
    }

    @Override
    public Guard copy() {
        return new Guard(inner.copy(), settings, scale, recoveries, best, rejected, innerAtEpochStart.copy());
    }

    /** Spends one recovery, if any is left: a smaller scale, and the inner controller back at the epoch start. */
    private boolean recover() {
        if (recoveries >= settings.maxRecoveries()) {
            return false;
        }
        recoveries++;
        scale *= settings.factor();
        inner = innerAtEpochStart.copy();
        return true;
    }
}
