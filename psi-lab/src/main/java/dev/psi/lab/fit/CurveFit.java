package dev.psi.lab.fit;

import java.util.Arrays;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * Nonlinear least squares on ln α: the parameters of a {@link Term} that minimize
 * Σ (term(row) − ln α_row)², by Levenberg–Marquardt (Hipparchus' {@link LevenbergMarquardtOptimizer},
 * Moré's 1978 formulation) with the term's exact Jacobian.
 *
 * <p>A step may land where the term is undefined (the logarithm of a negative number, an overflowing
 * power). Such a row gets a large residual and a zero gradient, which makes the step costlier than its
 * start, so the optimizer shrinks it rather than following NaN. The best point evaluated is kept, so a
 * run stopped by its iteration limit still returns its best parameters.
 */
final class CurveFit {

    /** The residual of a row where the term is not finite: far worse than any real fit in ln α. */
    private static final double UNDEFINED_RESIDUAL = 1e3;
    static final int MAX_EVALUATIONS = 2000;

    private CurveFit() {
    }

    /**
     * Fits the parameters of {@code term}, starting from {@code start}.
     *
     * @return the best parameters found; {@code start} itself if nothing better was found
     */
    static double[] fit(Term term, double[] start, FitData data) {
        return fit(term, start, data, MAX_EVALUATIONS);
    }

    /** Fits like {@link #fit(Term, double[], FitData)}, evaluating the term at most {@code maxEvaluations} times. */
    static double[] fit(Term term, double[] start, FitData data, int maxEvaluations) {
        double[] target = data.logLr();
        Best best = new Best(start.clone(), cost(term, start, data));
        MultivariateJacobianFunction model = point -> evaluate(term, point, data, best);
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(start)
                .model(model)
                .target(target)
                .maxEvaluations(maxEvaluations)
                .maxIterations(maxEvaluations)
                .build();
        try {
            new LevenbergMarquardtOptimizer().optimize(problem);
        } catch (MathRuntimeException e) {
            // The iteration limit, or a singular step: the best point seen so far is still a fit.
        }
        return best.parameters;
    }

    /** Root mean square of term − ln α over the rows; infinite where the term is not finite. */
    static double rmse(Term term, double[] parameters, FitData data) {
        return Math.sqrt(cost(term, parameters, data) / data.size());
    }

    private static double cost(Term term, double[] parameters, FitData data) {
        double[] value = term.value(data, parameters);
        double[] target = data.logLr();
        double sum = 0;
        for (int i = 0; i < value.length; i++) {
            double residual = value[i] - target[i];
            sum += residual * residual;
        }
        return Double.isFinite(sum) ? sum : Double.POSITIVE_INFINITY;
    }

    private static Pair<RealVector, RealMatrix> evaluate(Term term, RealVector point, FitData data, Best best) {
        double[] parameters = point.toArray();
        int n = data.size();
        double[] target = data.logLr();
        double[] value = null;
        double[][] jacobian = new double[n][parameters.length];
        for (int k = 0; k < parameters.length; k++) {
            double[][] derivative = term.derivative(data, parameters, k);
            value = derivative[0];
            for (int i = 0; i < n; i++) {
                jacobian[i][k] = derivative[1][i];
            }
        }
        double sum = 0;
        boolean defined = true;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(value[i]) || !allFinite(jacobian[i])) {
                value[i] = target[i] + UNDEFINED_RESIDUAL;
                Arrays.fill(jacobian[i], 0);
                defined = false;
            }
            double residual = value[i] - target[i];
            sum += residual * residual;
        }
        if (defined && sum < best.cost) {
            best.parameters = parameters;
            best.cost = sum;
        }
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
    }

    private static boolean allFinite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    /** The lowest-cost point evaluated so far. */
    private static final class Best {
        double[] parameters;
        double cost;

        Best(double[] parameters, double cost) {
            this.parameters = parameters;
            this.cost = cost;
        }
    }
}
