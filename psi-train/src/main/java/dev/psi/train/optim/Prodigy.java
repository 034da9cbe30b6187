package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Prodigy (Mishchenko &amp; Defazio 2024, <i>Prodigy: An Expeditiously Adaptive Parameter-Free
 * Learner</i>, ICML): Adam whose step is scaled by an estimate d of the distance to the solution,
 * following {@code Prodigy.step} of the authors' {@code prodigyopt} package
 * ({@code github.com/konstmish/prodigy}, {@code prodigyopt/prodigy.py}) with one parameter group,
 * {@code slice_p=1} and {@code growth_rate=inf}. With k completed steps, d = d_k and α the controller's
 * rate:
 * <pre>
 * g ← ∇ + λx (coupled decay only)          b = √(1 − β₂^{k+1}) / (1 − β₁^{k+1}) with bias correction, else 1
 * η = d·α·b
 * m ← β₁m + d(1 − β₁)g;  v ← β₂v + d²(1 − β₂)g²
 * N ← β₃N + (d/d₀)·η·⟨g, x₀ − x⟩;  s ← β₃s + (d/d₀)·η·g  (safeguard_warmup: (d/d₀)·d·g)
 * d_{k+1} = max(d_k, d_coef · N / Σ|s|)
 * x ← x − λη·x (decoupled decay only);  x ← x − η · m / (√v + d_{k+1}·ε)
 * </pre>
 * N, s and the inner products are global: all parameters are one vector. With β₁ = 0 there is no first
 * moment and, as in {@code prodigy.py}, the step is x ← x − η · d_{k+1}·g / (√v + d_{k+1}·ε): the
 * gradient is scaled by the estimate just updated, where {@code prodigy_reference.py} (which keeps m = d_k·g)
 * uses d_k; the two differ from the second step on, whenever d grew.
 *
 * <p>The controller's α is the reference's {@code lr} (1 is the method as published), and like it α
 * enters twice: in the step η and in the weights of N and s. With a constant α those weights cancel
 * in the ratio N/Σ|s| (unless safeguard_warmup takes α out of s), so α changes d only through the path
 * it makes the parameters take; a changing α weights each step's evidence by its own α, as the
 * reference does when a scheduler changes {@code lr}. Because d_{k+1} needs this step's α, the D
 * update happens in {@link #apply}: {@link #directions} reads the gradients (the moment updates, the
 * inner product ⟨g, x₀ − x⟩), and apply, given α, commits the moments, updates N, s and d and moves the
 * parameters. The two calls are one step and must come in pairs.
 *
 * <p>The direction returned is the step per unit α with the D estimate in force,
 * d_k·b · m/(√v + d_k·ε) (+ λ·d_k·b·x with decoupled decay): the applied step differs from α times it
 * only in using d_{k+1} in the ε term (and, with β₁ = 0, in the numerator), as the reference does.
 *
 * <p>As in the reference, a step with α = 0 changes nothing (not even the moments or the k of the bias
 * correction),
 * and a step after which Σ|s| is still 0 (every gradient so far zero) keeps the new moments but moves
 * nothing and learns nothing.
 */
final class Prodigy extends StatefulOptimizer {

    static final int MEAN = 0;
    static final int SQUARES = 1;
    static final int SUMS = 2;
    static final int INITIAL = 3;

    private final double beta1;
    private final double beta2;
    private final double beta3;
    private final double d0;
    private final double dCoef;
    private final double weightDecay;
    private final boolean decouple;
    private final boolean biasCorrection;
    private final boolean safeguardWarmup;
    private final double eps;

    private double d;
    private double numerator;
    private long completed;
    private Pending pending;

    /** What {@link #directions} read from this step's gradients, for {@link #apply} to commit. */
    private record Pending(List<NDArray> gradients, List<NDArray> means, List<NDArray> squares,
            double innerProduct) {
    }

    Prodigy(NDManager manager, double beta1, double beta2, double beta3, double d0, double dCoef, double weightDecay,
            boolean decouple, boolean biasCorrection, boolean safeguardWarmup, double eps) {
        super("Prodigy", 4, manager);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.beta3 = beta3;
        this.d0 = d0;
        this.dCoef = dCoef;
        this.weightDecay = weightDecay;
        this.decouple = decouple;
        this.biasCorrection = biasCorrection;
        this.safeguardWarmup = safeguardWarmup;
        this.eps = eps;
        this.d = d0;
    }

    @Override
    public List<NDArray> directions(List<NDArray> parameters, List<NDArray> gradients) {
        beginStep(parameters.size());
        double scale = d * biasCorrection();
        List<NDArray> decayed = new ArrayList<>(parameters.size());
        List<NDArray> means = new ArrayList<>(parameters.size());
        List<NDArray> squares = new ArrayList<>(parameters.size());
        List<NDArray> directions = new ArrayList<>(parameters.size());
        NDArray innerProduct = null;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray x = parameters.get(i);
            NDArray[] state = state(i);
            if (state[INITIAL] == null) {
                state[MEAN] = keep(x.zerosLike());
                state[SQUARES] = keep(x.zerosLike());
                state[SUMS] = keep(x.zerosLike());
                state[INITIAL] = keep(x.duplicate());
            }
            NDArray g = weightDecay != 0 && !decouple ? gradients.get(i).add(x.mul(weightDecay)) : gradients.get(i);
            NDArray mean = state[MEAN].mul(beta1).addi(g.mul(d * (1 - beta1)));
            NDArray square = state[SQUARES].mul(beta2).addi(g.square().muli(d * d * (1 - beta2)));
            NDArray part = g.mul(state[INITIAL].sub(x)).sum();
            innerProduct = innerProduct == null ? part : innerProduct.addi(part);
            NDArray direction = mean.div(square.sqrt().addi(d * eps)).muli(scale);
            if (weightDecay != 0 && decouple) {
                direction.addi(x.mul(weightDecay * scale));
            }
            decayed.add(g);
            means.add(mean);
            squares.add(square);
            directions.add(direction);
        }
        pending = new Pending(decayed, means, squares, innerProduct.getFloat());
        return directions;
    }

    @Override
    public void apply(List<NDArray> parameters, List<NDArray> directions, double learningRate) {
        if (pending == null) {
            throw new IllegalStateException("Prodigy: apply needs the directions of the same step first");
        }
        Pending step = pending;
        pending = null;
        // The reference leaves a group whose lr is not positive untouched; a NaN rate is no step either.
        if (!(learningRate > 0)) {
            return;
        }
        double rate = d * learningRate * biasCorrection();
        double weight = d / d0 * (safeguardWarmup ? d : rate);
        double updatedNumerator = beta3 * numerator + d / d0 * rate * step.innerProduct();
        NDArray absoluteSum = null;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray[] state = state(i);
            replace(state, MEAN, step.means().get(i));
            replace(state, SQUARES, step.squares().get(i));
            state[SUMS].muli(beta3).addi(step.gradients().get(i).mul(weight));
            NDArray part = state[SUMS].abs().sum();
            absoluteSum = absoluteSum == null ? part : absoluteSum.addi(part);
        }
        double denominator = absoluteSum.getFloat();
        if (denominator == 0) {
            // Nothing but zero gradients so far: the reference returns before d or the parameters change.
            return;
        }
        numerator = updatedNumerator;
        d = Math.max(d, dCoef * numerator / denominator);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray x = parameters.get(i);
            NDArray[] state = state(i);
            if (weightDecay != 0 && decouple) {
                x.subi(x.mul(weightDecay * rate));
            }
            NDArray moment = beta1 > 0 ? state[MEAN] : step.gradients().get(i).mul(d);
            x.subi(moment.div(state[SQUARES].sqrt().addi(d * eps)).muli(rate));
        }
        completed++;
    }

    /** d_k, the current estimate of the distance to the solution (d₀ until the estimate exceeds it). */
    double estimate() {
        return d;
    }

    @Override
    double[] scalars() {
        return new double[] {d, numerator, completed};
    }

    @Override
    void restoreScalars(double[] values) {
        d = values[0];
        numerator = values[1];
        completed = (long) values[2];
    }

    @Override
    public void restore(OptimizerState snapshot) {
        pending = null;
        super.restore(snapshot);
    }

    private double biasCorrection() {
        if (!biasCorrection) {
            return 1;
        }
        return Math.sqrt(1 - Math.pow(beta2, completed + 1)) / (1 - Math.pow(beta1, completed + 1));
    }
}
