package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedule-Free learning (Defazio, Yang, Mehta, Mishchenko, Khaled &amp; Cutkosky 2024, <i>The Road
 * Less Scheduled</i>, NeurIPS), following the explicit-average reference implementations of the
 * authors' {@code schedulefree} package ({@code github.com/facebookresearch/schedule_free},
 * {@code schedulefree/sgd_schedulefree_reference.py} and {@code adamw_schedulefree_reference.py}).
 * Three sequences: z takes the base optimizer's steps, x is a weighted average of the z's, and the
 * gradient is taken at their interpolation y. At step t (1-based) with the controller's α:
 * <pre>
 * γ_t = α · min(1, t / warmup_steps)
 * γ_max = max_{i≤t} γ_i;  w_t = t^r · γ_max^weight_lr_power;  c_t = w_t / Σ_{i≤t} w_i
 * z ← z − γ_t·d;  x ← (1 − c_t)x + c_t·z;  y ← βx + (1 − β)z
 * </pre>
 * where d is the base optimizer's direction at y ({@link #direction}) and β the momentum (β₁ for
 * AdamW). The first step starts all three at the model's initial parameters.
 *
 * <p>The model's parameters hold y while training: that is where the gradient is taken. z and x are
 * buffers. {@link #beginEvaluation} puts x, the point to evaluate, into the parameters (keeping a copy
 * of y) and {@link #endEvaluation} puts y back exactly; both write in place, so the model keeps its
 * tensors. Take snapshots in training mode, as the engine does between epochs: a snapshot holds z and x
 * and the scalars, the model's parameters (y) are the caller's to save.
 *
 * <p>The controller's α plays the reference's {@code lr}: it scales every z step, and through γ_max it
 * sets the weights of the average, as a scheduler on the reference's {@code lr} would. The direction
 * {@link #directions} returns is d, the direction of the z step: y moves by c_t(z − y) − γ_t(1 − β(1 −
 * c_t))·d, so g·d is the rate of descent of this step's gradient part, and a controller that asks for it
 * gets a meaningful number. The update itself is not θ − α·d: {@link #apply} implements the recursion
 * above.
 */
abstract class ScheduleFree extends StatefulOptimizer {

    static final int Z = 0;
    static final int X = 1;

    private final double beta;
    private final int warmupSteps;
    private final double r;
    private final double weightLrPower;
    private final double weightDecay;

    private double weightSum;
    private double maxRate;
    private List<NDArray> trainingPoints;

    ScheduleFree(String name, int slots, NDManager manager, double beta, int warmupSteps, double r,
            double weightLrPower, double weightDecay) {
        super(name, slots, manager);
        this.beta = beta;
        this.warmupSteps = warmupSteps;
        this.r = r;
        this.weightLrPower = weightLrPower;
        this.weightDecay = weightDecay;
    }

    @Override
    public final List<NDArray> directions(List<NDArray> parameters, List<NDArray> gradients) {
        if (trainingPoints != null) {
            throw new IllegalStateException(name() + ": a training step during evaluation; call endEvaluation first");
        }
        long step = beginStep(parameters.size());
        List<NDArray> directions = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            NDArray y = parameters.get(i);
            NDArray[] state = state(i);
            if (state[Z] == null) {
                state[Z] = keep(y.duplicate());
                state[X] = keep(y.duplicate());
            }
            NDArray direction = direction(y, gradients.get(i), state, step);
            directions.add(weightDecay == 0 ? direction : direction.add(y.mul(weightDecay)));
        }
        return directions;
    }

    /**
     * The base optimizer's direction at y without weight decay, which this class adds as λy (the
     * reference's decay at y); advances the base optimizer's own buffers.
     *
     * @param state the buffers: {@link #Z}, {@link #X}, then the base optimizer's slots
     * @param step the 1-based step count
     */
    abstract NDArray direction(NDArray y, NDArray gradient, NDArray[] state, long step);

    @Override
    public final void apply(List<NDArray> parameters, List<NDArray> directions, double learningRate) {
        long step = steps();
        double warmup = step <= warmupSteps ? (double) step / warmupSteps : 1;
        double rate = learningRate * warmup;
        maxRate = Math.max(maxRate, rate);
        double weight = Math.pow(step, r) * Math.pow(maxRate, weightLrPower);
        weightSum += weight;
        // The reference's ZeroDivisionError case: with every rate so far 0 there is nothing to average.
        double c = weightSum == 0 ? 0 : weight / weightSum;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray[] state = state(i);
            NDArray z = state[Z].subi(directions.get(i).mul(rate));
            NDArray x = state[X].muli(1 - c).addi(z.mul(c));
            assign(parameters.get(i), x.mul(beta).addi(z.mul(1 - beta)));
        }
    }

    @Override
    public final void beginEvaluation(List<NDArray> parameters) {
        if (trainingPoints != null || steps() == 0) {
            return;
        }
        trainingPoints = new ArrayList<>(parameters.size());
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < parameters.size(); i++) {
                NDArray y = parameters.get(i);
                trainingPoints.add(keep(y.duplicate()));
                assign(y, state(i)[X]);
            }
        }
    }

    @Override
    public final void endEvaluation(List<NDArray> parameters) {
        if (trainingPoints == null) {
            return;
        }
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < parameters.size(); i++) {
                assign(parameters.get(i), trainingPoints.get(i));
            }
        }
        forgetTrainingPoints();
    }

    /** Σ w_i, the total weight of the average so far. */
    final double weightSum() {
        return weightSum;
    }

    @Override
    final double[] scalars() {
        return new double[] {weightSum, maxRate};
    }

    @Override
    final void restoreScalars(double[] values) {
        weightSum = values[0];
        maxRate = values[1];
    }

    /**
     * Also leaves evaluation mode without writing y back: the caller restores the parameters (y) of the
     * snapshot's time.
     */
    @Override
    public final void restore(OptimizerState snapshot) {
        forgetTrainingPoints();
        super.restore(snapshot);
    }

    private void forgetTrainingPoints() {
        if (trainingPoints != null) {
            trainingPoints.forEach(NDArray::close);
            trainingPoints = null;
        }
    }
}
