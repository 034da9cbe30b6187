package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * DoG, "Distance over Gradients" (Ivgi, Hinder &amp; Carmon 2023, <i>DoG is SGD's Best Friend: A
 * Parameter-Free Dynamic Step Size Schedule</i>, ICML), following the authors' reference code
 * ({@code github.com/formll/dog}, {@code src/dog/dog.py}, class {@code DoG}):
 * <pre>
 * g_t = ∇ + λx_t
 * r̄_t = max(r_ε, max_{i≤t} ‖x_i − x_0‖),  r_ε = r_epsilon · (1 + ‖x_0‖)
 * G_t = Σ_{i≤t} ‖g_i‖²
 * x_{t+1} = x_t − α · r̄_t / √G_t · g_t
 * </pre>
 * All parameters form one vector for the norms (the reference's {@code DoG}, not its layer-wise
 * {@code LDoG}), and r_ε is the paper's relative rule ({@code reps_rel}), so the first step moves the
 * model by α·r_ε whatever the gradient's scale.
 *
 * <p>The controller's α is the reference's {@code lr} (the paper's c): α = 1 is DoG as published, and
 * a schedule on α scales every DoG step. The direction is d = r̄_t/√G_t · g_t, so that
 * {@link #apply}'s θ − α·d is exactly the DoG step, and a controller that measures g·d sees the step
 * DoG takes per unit α.
 *
 * <p>The reference adds ε = 1e-8 to G only to keep the division defined; here G = 0 (every gradient
 * so far zero) gives the zero step the reference's formula gives, so no ε is needed and the first step
 * size is exactly r_ε/‖g_1‖.
 */
final class DoG extends StatefulOptimizer {

    private static final int INITIAL = 0;

    private final double relativeEpsilon;
    private final double weightDecay;
    private double distance;
    private double gradientSquares;

    DoG(NDManager manager, double relativeEpsilon, double weightDecay) {
        super("DoG", 1, manager);
        this.relativeEpsilon = relativeEpsilon;
        this.weightDecay = weightDecay;
    }

    @Override
    public List<NDArray> directions(List<NDArray> parameters, List<NDArray> gradients) {
        beginStep(parameters.size());
        boolean first = state(0)[INITIAL] == null;
        List<NDArray> decayed = new ArrayList<>(parameters.size());
        NDArray distanceSquares = null;
        NDArray squares = null;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray x = parameters.get(i);
            NDArray g = weightDecay == 0 ? gradients.get(i) : gradients.get(i).add(x.mul(weightDecay));
            decayed.add(g);
            // On the first step the distance term is ‖x_0‖, the scale of r_ε; afterwards ‖x_t − x_0‖.
            NDArray offset = first ? x : x.sub(state(i)[INITIAL]);
            distanceSquares = add(distanceSquares, offset.square().sum());
            squares = add(squares, g.square().sum());
            if (first) {
                state(i)[INITIAL] = keep(x.duplicate());
            }
        }
        double norm = Math.sqrt(distanceSquares.getFloat());
        distance = first ? relativeEpsilon * (1 + norm) : Math.max(distance, norm);
        gradientSquares += squares.getFloat();
        double scale = gradientSquares > 0 ? distance / Math.sqrt(gradientSquares) : 0;
        List<NDArray> directions = new ArrayList<>(decayed.size());
        for (NDArray g : decayed) {
            directions.add(g.mul(scale));
        }
        return directions;
    }

    /** r̄_t: r_ε, or the largest distance from x_0 seen so far when that is larger. */
    double distance() {
        return distance;
    }

    /** G_t: the sum of the squared gradient norms so far. */
    double gradientSquares() {
        return gradientSquares;
    }

    @Override
    double[] scalars() {
        return new double[] {distance, gradientSquares};
    }

    @Override
    void restoreScalars(double[] values) {
        distance = values[0];
        gradientSquares = values[1];
    }

    private static NDArray add(NDArray total, NDArray part) {
        return total == null ? part : total.add(part);
    }
}
