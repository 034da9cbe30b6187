package dev.psi.lab.fit;

import static dev.psi.lab.fit.Term.literal;

import dev.psi.core.psi.Expression;
import dev.psi.core.psi.PsiFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Ψ from a model of the whole surface ({@code psi fit --kind surface}): the observed convergence r of
 * every sampled epoch, whatever its α, is fitted as a quadratic in u = ln α whose coefficients depend on
 * the features x,
 * <pre>
 *   r̂(x, u) = A(x) + B(x)·v + C(x)·v²,   v = u − ū,   B, C affine in x,   A quadratic in x,
 * </pre>
 * by linear least squares (a singular value decomposition, which also copes with collinear features).
 * ū, the mean ln α of the rows, centers the quadratic so that the columns are of similar size. Where
 * C(x) &lt; 0 the fitted surface has its maximum at v* = −B(x)/(2·C(x)), so
 * <pre>
 *   Ψ(x) = exp(ū − B(x) / (2·C(x))),
 * </pre>
 * a closed form in the grammar of {@code Expression}. The maximum is taken within the α range the data
 * covers by the {@code Psi} controller, which clamps to the model's {@code [minLr, maxLr]}: here the
 * smallest and largest α of all surface rows.
 *
 * <p>A does not enter Ψ; it is quadratic (all squares and products of features) rather than affine
 * because a peak that moves with x, r = h − κ·(u − u*(x))² with u* affine, has the peak-position term
 * κ·u*(x)² in A: an affine A cannot fit it, and its misfit leaks into B and biases the argmax (on such
 * a surface with an affine A, R² was 0.92 and Ψ off by up to 20 %; with a quadratic A both are exact).
 *
 * <p>C(x) must be negative wherever Ψ is used. It is checked at every row and at every corner of the
 * box of feature ranges (C is affine, so its extremes over the box are at corners). If it fails, the
 * fit falls back to one curvature shared by all states, C(x) = c, and fails if even c ≥ 0: then r does
 * not peak inside the sampled rates, and the rates sampled should be widened.
 *
 * <p>Features constant over the data (a task descriptor of a one-task study) are left out: their
 * coefficients cannot be told apart from the intercept.
 */
final class SurfaceFit {

    private SurfaceFit() {
    }

    /**
     * The fitted quadratic.
     *
     * @param features the features used, constant ones left out
     * @param center ū
     * @param b coefficients of B: intercept, then one per feature
     * @param c coefficients of C, as {@code b}; only the intercept when the curvature is shared
     * @param r2 R² of r̂ against r over the rows
     */
    record Quadratic(List<PsiFeature> features, double center, double[] b, double[] c, double r2) {

        /** Whether one curvature serves all states (the fallback). */
        boolean sharedCurvature() {
            return c.length == 1;
        }

        /** Ψ as formula text. */
        String formula() {
            return "exp(" + literal(center) + " - (" + affine(b) + ") / (2 * (" + affine(c) + ")))";
        }

        Expression expression() {
            return Expression.parse(formula());
        }

        private String affine(double[] coefficients) {
            StringBuilder text = new StringBuilder(literal(coefficients[0]));
            for (int k = 1; k < coefficients.length; k++) {
                text.append(coefficients[k] < 0 ? " - " : " + ").append(literal(Math.abs(coefficients[k])))
                        .append(" * ").append(features.get(k - 1).word());
            }
            return text.toString();
        }
    }

    /**
     * Fits r̂ to the rows.
     *
     * @param rows every sampled epoch
     * @param convergence r of each row
     * @throws IllegalArgumentException if r̂ has no maximum in ln α even with a shared curvature, or there
     *     are fewer rows than coefficients
     */
    static Quadratic fit(FitData rows, double[] convergence, List<PsiFeature> chosen) {
        List<PsiFeature> features = new ArrayList<>();
        for (PsiFeature feature : chosen) {
            double[] range = rows.range(feature);
            if (range[1] > range[0]) {
                features.add(feature);
            }
        }
        double center = 0;
        for (double u : rows.logLr()) {
            center += u / rows.size();
        }
        Quadratic full = solve(rows, convergence, features, center, false);
        if (negativeCurvature(full, rows)) {
            return full;
        }
        Quadratic shared = solve(rows, convergence, features, center, true);
        if (shared.c()[0] < 0) {
            return shared;
        }
        throw new IllegalArgumentException("the convergence r does not peak inside the sampled learning rates ("
                + "fitted curvature in ln lr " + shared.c()[0] + " >= 0): sample a wider range of rates");
    }

    private static Quadratic solve(FitData rows, double[] convergence, List<PsiFeature> features, double center,
            boolean shared) {
        int k = features.size() + 1;
        int quadratic = k * (k + 1) / 2;
        int curvature = shared ? 1 : k;
        int columns = quadratic + k + curvature;
        int n = rows.size();
        if (n < columns) {
            throw new IllegalArgumentException("the surface has " + n + " usable rows, fewer than the " + columns
                    + " coefficients of its quadratic");
        }
        double[][] design = new double[n][columns];
        for (int i = 0; i < n; i++) {
            double v = rows.logLr()[i] - center;
            double[] x = affineRow(rows, features, i);
            int column = 0;
            // A: every product x_j·x_l with j <= l, x_0 = 1 giving the intercept and the linear terms.
            for (int j = 0; j < k; j++) {
                for (int l = j; l < k; l++) {
                    design[i][column++] = x[j] * x[l];
                }
            }
            for (int j = 0; j < k; j++) {
                design[i][quadratic + j] = x[j] * v;
                if (!shared) {
                    design[i][quadratic + k + j] = x[j] * v * v;
                }
            }
            if (shared) {
                design[i][quadratic + k] = v * v;
            }
        }
        Array2DRowRealMatrix matrix = new Array2DRowRealMatrix(design, false);
        RealVector r = new ArrayRealVector(convergence, false);
        double[] solution = new SingularValueDecomposition(matrix).getSolver().solve(r).toArray();
        double[] fitted = matrix.operate(solution);
        double[] b = Arrays.copyOfRange(solution, quadratic, quadratic + k);
        double[] c = Arrays.copyOfRange(solution, quadratic + k, columns);
        return new Quadratic(features, center, b, c, Scores.r2(fitted, convergence));
    }

    /** (1, x₁, …, x_k) of one row. */
    private static double[] affineRow(FitData rows, List<PsiFeature> features, int i) {
        double[] x = new double[features.size() + 1];
        x[0] = 1;
        for (int j = 0; j < features.size(); j++) {
            x[j + 1] = rows.column(features.get(j))[i];
        }
        return x;
    }

    /** Whether C(x) &lt; 0 at every row and every corner of the features' box. */
    private static boolean negativeCurvature(Quadratic quadratic, FitData rows) {
        List<PsiFeature> features = quadratic.features();
        for (int i = 0; i < rows.size(); i++) {
            if (!(dot(quadratic.c(), affineRow(rows, features, i)) < 0)) {
                return false;
            }
        }
        int k = features.size();
        double[] corner = new double[k + 1];
        corner[0] = 1;
        for (int mask = 0; mask < 1 << k; mask++) {
            for (int j = 0; j < k; j++) {
                double[] range = rows.range(features.get(j));
                corner[j + 1] = (mask >> j & 1) == 0 ? range[0] : range[1];
            }
            if (!(dot(quadratic.c(), corner) < 0)) {
                return false;
            }
        }
        return true;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }
}
