package dev.psi.core.psi;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.Interval;
import dev.psi.core.controller.StepSignals;
import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.controller.TrainingState;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.List;
import java.util.Objects;

/**
 * The learned controller {@code Psi(model=FILE, interval=epoch|step, scale=S)}: sets α from a fitted
 * {@link PsiModel} of the loss ratio, the epoch and the task, the question of DESIGN.md put to work:
 * α_i = S · Ψ(ε_i / ε₀, i, task).
 *
 * <p>The scale S is 1 for a Ψ fitted to rates themselves. A Ψ fitted to rates relative to each task's scale
 * (the rate a learning-rate range test suggests, Smith 2017) learns the shape of the schedule and leaves the
 * scale to the task: S is then the new task's own range-test rate.
 *
 * <p>The losses are those the surface was sampled with (the lab's {@code SurfaceRow}): ε₀ is the batch
 * loss of the first step (step 0); ε_i is the smoothed batch loss when epoch i starts, i.e. after the
 * last step of epoch i − 1 as {@link #afterStep} saw it, and ε₀ for i = 0.
 *
 * <p>Lifecycle, within the engine's ({@link Controller}):
 * <ul>
 *   <li>{@code interval=epoch}: at the first {@link #beforeUpdate} of epoch i, α = Ψ(ε_i / ε₀, i, task),
 *       kept for the whole epoch.</li>
 *   <li>{@code interval=step}: at every {@link #beforeUpdate}, α = Ψ(ε / ε₀, t, task) with t = i + k / K
 *       (step k of the K of epoch i) and ε the smoothed loss after the previous step, so that the
 *       first step of each epoch gets exactly the rate {@code interval=epoch} gives it.</li>
 * </ul>
 * Ψ's α is clamped to the range of rates the fit saw, {@code [minLr, maxLr]}, before it is scaled. Ψ is not followed where it
 * was not fitted: when a feature value lies outside its fitted range by more than 5 % of the range's
 * width, is unknown ({@code NaN}), or the model's α is not finite, the last safe α stays in force and
 * {@link #fallbacks()} counts the epoch (or step). Before any, the safe α is Ψ at the start of training
 * (epoch 0, loss ratio 1), clamped, or {@code minLr} if that is not finite.
 *
 * <p>A controller that takes over a run after step 0 (swapped in between epochs) takes the first
 * batch loss it sees as ε₀. A roll-back by an enclosing {@code Guard} is not visible to it: ε of the
 * next epoch is then the smoothed loss of the epoch rolled back, not of the restored model.
 */
public final class PsiController implements Controller {

    private static final long serialVersionUID = 1L;

    /** How far outside its fitted range a feature may go, as a fraction of the range's width. */
    public static final double RANGE_MARGIN = 0.05;

    private final PsiModel model;
    private final Interval interval;
    /** Not final: a controller serialized before the scale existed reads 0, which {@link #readObject} makes 1. */
    private double scale;
    private final int epochs;
    private final TaskFeatures task;
    private double loss0;
    /** The smoothed loss after the last step seen, ε when the next step starts. */
    private double lastSmoothed;
    /** The epoch of the last {@link #beforeUpdate}, −1 before any. */
    private int epoch;
    private long epochStartStep;
    private double lr;
    private int fallbacks;

    /**
     * @param model Ψ
     * @param context the run: its epoch budget (for {@code epoch_fraction}) and its task
     * @param interval when α is recomputed: {@link Interval#EPOCH} or {@link Interval#STEP}
     */
    public PsiController(PsiModel model, ControllerContext context, Interval interval) {
        this(model, context, interval, 1);
    }

    /**
     * @param model Ψ, fitted to rates relative to a task's scale
     * @param context the run: its epoch budget (for {@code epoch_fraction}) and its task
     * @param interval when α is recomputed: {@link Interval#EPOCH} or {@link Interval#STEP}
     * @param scale the task's scale S, positive and finite: every α is S times Ψ's
     * @throws IllegalArgumentException if the scale is not positive and finite
     */
    public PsiController(PsiModel model, ControllerContext context, Interval interval, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("the scale of Psi must be positive and finite, got " + scale);
        }
        this.model = Objects.requireNonNull(model, "model");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.scale = scale;
        this.epochs = context.epochs();
        this.task = context.task();
        this.loss0 = Double.NaN;
        this.lastSmoothed = Double.NaN;
        this.epoch = -1;
        double start = model.learningRate(new PsiState(0, epochs, 1, task));
        this.lr = Double.isFinite(start) ? model.fit().clamp(start) : model.minLr();
    }

    private PsiController(PsiController other) {
        this.model = other.model;
        this.interval = other.interval;
        this.scale = other.scale;
        this.epochs = other.epochs;
        this.task = other.task;
        this.loss0 = other.loss0;
        this.lastSmoothed = other.lastSmoothed;
        this.epoch = other.epoch;
        this.epochStartStep = other.epochStartStep;
        this.lr = other.lr;
        this.fallbacks = other.fallbacks;
    }

    @Override
    public void beforeUpdate(TrainingState state, StepSignals signals) {
        if (state.step() == 0 || Double.isNaN(loss0)) {
            loss0 = state.batchLoss();
        }
        boolean newEpoch = state.epoch() != epoch;
        if (newEpoch) {
            epoch = state.epoch();
            epochStartStep = state.step();
        }
        if (interval == Interval.EPOCH && !newEpoch) {
            return;
        }
        double position = interval == Interval.EPOCH ? epoch
                : epoch + (state.step() - epochStartStep) / (double) state.stepsPerEpoch();
        boolean atStart = state.step() == 0 || (interval == Interval.EPOCH && epoch == 0);
        double loss = Double.isNaN(lastSmoothed) ? state.smoothedLoss() : lastSmoothed;
        update(new PsiState(position, epochs, atStart ? 1 : loss / loss0, task));
    }

    @Override
    public void afterStep(TrainingState state) {
        remember(state.smoothedLoss());
    }

    @Override
    public void afterEpoch(TrainingState state) {
        remember(state.smoothedLoss());
    }

    @Override
    public double learningRate() {
        return scale * lr;
    }

    /** How many times Ψ was not followed: epochs with {@code interval=epoch}, steps with {@code interval=step}. */
    public int fallbacks() {
        return fallbacks;
    }

    public PsiModel model() {
        return model;
    }

    public Interval interval() {
        return interval;
    }

    /** The task's scale S: every α is S times Ψ's. */
    public double scale() {
        return scale;
    }

    @Override
    public PsiController copy() {
        return new PsiController(this);
    }

    @Override
    public String toString() {
        return "Psi(" + model.describe() + ", interval=" + interval.word() + (scale == 1 ? "" : ", scale=" + scale)
                + ")";
    }

    private void update(PsiState state) {
        List<PsiFeature> features = model.features();
        double[] values = PsiFeature.values(features, state);
        for (int k = 0; k < values.length; k++) {
            if (!fitted(features.get(k), values[k])) {
                fallbacks++;
                return;
            }
        }
        double alpha = model.learningRate(values);
        if (!Double.isFinite(alpha)) {
            fallbacks++;
            return;
        }
        lr = model.fit().clamp(alpha);
    }

    /** Whether {@code value} lies in the feature's fitted range widened by {@link #RANGE_MARGIN} on each side. */
    private boolean fitted(PsiFeature feature, double value) {
        double low = model.fit().low(feature);
        double high = model.fit().high(feature);
        double margin = RANGE_MARGIN * (high - low);
        return value >= low - margin && value <= high + margin;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (scale == 0) {
            scale = 1;
        }
    }

    private void remember(double smoothedLoss) {
        if (Double.isFinite(smoothedLoss)) {
            lastSmoothed = smoothedLoss;
        }
    }
}
