package dev.psi.lab.fit;

import java.util.List;

/**
 * Ordinary least squares y ≈ c₀ + Σ c_k·x_k for a handful of regressors, by the normal equations and a
 * Cholesky factorization: the inner loop of symbolic regression, run once per program evaluated, where
 * a general decomposition would cost more than the program itself.
 *
 * <p>A ridge of 1e-10 relative to each diagonal entry keeps collinear regressors (a program that adds x
 * to itself) solvable; it changes well-posed solutions by about that relative amount.
 */
final class LinearLeastSquares {

    private static final double RIDGE = 1e-10;

    private LinearLeastSquares() {
    }

    /**
     * The coefficients {c₀, c₁, …} of the intercept and each regressor; {@code null} if a value is not
     * finite.
     */
    static double[] solve(List<double[]> regressors, double[] y) {
        int m = regressors.size() + 1;
        int n = y.length;
        double[][] gram = new double[m][m];
        double[] moment = new double[m];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < m; a++) {
                double xa = a == 0 ? 1 : regressors.get(a - 1)[i];
                moment[a] += xa * y[i];
                for (int b = 0; b <= a; b++) {
                    gram[a][b] += xa * (b == 0 ? 1 : regressors.get(b - 1)[i]);
                }
            }
        }
        for (int a = 0; a < m; a++) {
            gram[a][a] += RIDGE * gram[a][a] + Double.MIN_NORMAL;
            if (!Double.isFinite(gram[a][a]) || !Double.isFinite(moment[a])) {
                return null;
            }
        }
        // Cholesky G = L Lᵀ in place (lower triangle), then forward and back substitution.
        for (int a = 0; a < m; a++) {
            for (int b = 0; b <= a; b++) {
                double sum = gram[a][b];
                for (int k = 0; k < b; k++) {
                    sum -= gram[a][k] * gram[b][k];
                }
                if (a == b) {
                    if (!(sum > 0)) {
                        return null;
                    }
                    gram[a][a] = Math.sqrt(sum);
                } else {
                    gram[a][b] = sum / gram[b][b];
                }
            }
        }
        double[] z = new double[m];
        for (int a = 0; a < m; a++) {
            double sum = moment[a];
            for (int k = 0; k < a; k++) {
                sum -= gram[a][k] * z[k];
            }
            z[a] = sum / gram[a][a];
        }
        double[] c = new double[m];
        for (int a = m - 1; a >= 0; a--) {
            double sum = z[a];
            for (int k = a + 1; k < m; k++) {
                sum -= gram[k][a] * c[k];
            }
            c[a] = sum / gram[a][a];
        }
        return c;
    }

    /** RMSE of y against c₀ + Σ c_k·x_k. */
    static double rmse(List<double[]> regressors, double[] coefficients, double[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double fit = coefficients[0];
            for (int k = 0; k < regressors.size(); k++) {
                fit += coefficients[k + 1] * regressors.get(k)[i];
            }
            sum += (y[i] - fit) * (y[i] - fit);
        }
        return Math.sqrt(sum / y.length);
    }
}
