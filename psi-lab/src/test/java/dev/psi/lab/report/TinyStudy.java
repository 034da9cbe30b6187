package dev.psi.lab.report;

import static dev.psi.core.psi.PsiFeature.EPOCH;
import static dev.psi.core.psi.PsiFeature.LOSS_RATIO;

import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.criteria.ConfidenceInterval;
import dev.psi.core.criteria.Metric;
import dev.psi.core.criteria.Reliability;
import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TuningCost;
import dev.psi.core.psi.Expression;
import dev.psi.core.psi.FitInfo;
import dev.psi.core.psi.FormulaModel;
import dev.psi.core.psi.NetworkModel;
import dev.psi.core.psi.NetworkModel.Activation;
import dev.psi.core.psi.NetworkModel.Layer;
import dev.psi.core.psi.NetworkModel.Member;
import dev.psi.core.psi.ParetoPoint;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.SurfaceRow;
import dev.psi.lab.study.GridChoices;
import dev.psi.lab.study.MethodResult;
import dev.psi.lab.study.StudyResults;
import dev.psi.lab.study.TestScores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-made study with known numbers: two held-out tasks {@code a} and {@code b}, four methods, one
 * method that never reaches the target on {@code a} (∞) and a three-way tie for the best time on {@code b}.
 */
final class TinyStudy {

    static final double INF = Double.POSITIVE_INFINITY;

    private TinyStudy() {
    }

    /**
     * The study where Ψ scores highest, but not on every task. Steps to target (task a, task b), the same
     * on each of the three seeds:
     * psi-formula (100, 300), psi-network (150, 300), cosine (200, 300), Constant(lr=0.1) (∞, 600).
     * Scores: psi-formula 1, psi-network 0.917, cosine 0.833, Constant 0.333. Ψ − cosine is
     * 1/3 on a and 0 on b, so the bootstrap replicates (a, a), (a, b) and (b, b) give 1/3, 1/6 and 0.
     */
    static StudyResults psiWins() {
        return study(100, 300);
    }

    /**
     * The study where Ψ loses: psi-formula (∞, 600); best times 150 on a, 300 on b. Scores: psi-formula
     * 0.333, cosine 0.944 (r = 4/3 on a); the difference is −8/9 on a and −1/3 on b.
     */
    static StudyResults psiLoses() {
        return study(INF, 600);
    }

    /** {@code base} with {@code results} in place of its results. */
    static StudyResults withResults(StudyResults base, List<MethodResult> results) {
        return new StudyResults(base.name(), base.preset(), base.trainingTasks(), base.heldOutTasks(), base.targets(),
                results, base.surface(), base.formula(), base.network(), base.psiCost(), base.wallSeconds(),
                base.calibration(), base.targetOrigins(), base.grid());
    }

    /** {@code base} with the oracle's results added: {@code oracleA} steps on task a, {@code oracleB} on b. */
    static StudyResults withOracle(StudyResults base, double oracleA, double oracleB) {
        List<MethodResult> results = new ArrayList<>(base.results());
        results.add(result("a", "oracle", oracleA, 3, new TuningCost(3, 90, 30)));
        results.add(result("b", "oracle", oracleB, 3, new TuningCost(3, 90, 30)));
        return withResults(base, results);
    }

    /** The study with psi-formula's steps to target {@code psiA} on task a and {@code psiB} on b. */
    static StudyResults study(double psiA, double psiB) {
        List<MethodResult> results = new ArrayList<>();
        results.add(result("a", "psi-formula", psiA, 3, TuningCost.ZERO));
        results.add(result("a", "psi-network", 150, 3, TuningCost.ZERO));
        results.add(result("a", "cosine", 200, 3, TuningCost.ZERO));
        results.add(result("a", "Constant(lr=0.1)", INF, 0, TuningCost.ZERO));
        results.add(result("b", "psi-formula", psiB, 3, TuningCost.ZERO));
        results.add(result("b", "psi-network", 300, 3, TuningCost.ZERO));
        results.add(result("b", "cosine", 300, 2, TuningCost.ZERO));
        results.add(result("b", "Constant(lr=0.1)", 600, 1, TuningCost.ZERO));
        Map<String, Target> targets = new LinkedHashMap<>();
        targets.put("a", new Target(Metric.VAL_ACCURACY, 0.8));
        targets.put("b", new Target(Metric.VAL_ACCURACY, 0.9));
        return new StudyResults("tiny", "quick", List.of("t1"), List.of("a", "b"), targets, results, surface(),
                formula(), network(), new TuningCost(40, 400, 1234.5), 5000, Map.of("a", new TuningCost(4, 24, 12.5)),
                Map.of("a", "median over tuning seeds [501, 502] of the best validation metric of 7 constant rates",
                        "b", "set by the task's spec"), GridChoices.NONE);
    }

    static MethodResult result(String task, String method, double steps, int successes, TuningCost tuning) {
        List<List<EpochResult>> curves = new ArrayList<>();
        for (int seed = 0; seed < 3; seed++) {
            List<EpochResult> epochs = new ArrayList<>();
            for (int e = 0; e < 4; e++) {
                double accuracy = 0.5 + 0.1 * e + 0.01 * seed;
                epochs.add(new EpochResult(e, 0.1, 1.0 / (e + 1), 1.2 / (e + 1), accuracy, 100L * (e + 1), 1.5));
            }
            curves.add(epochs);
        }
        double seconds = Double.isInfinite(steps) ? INF : steps / 100;
        ConfidenceInterval interval = new ConfidenceInterval(Double.isInfinite(steps) ? INF : steps * 0.8, INF);
        return new MethodResult(task, method, 3, List.of(steps, steps, steps), steps, interval, seconds,
                Reliability.of(successes, 3), 0.8 + successes / 100.0, 0.4, tuning, curves,
                new TestScores(0.79 + successes / 100.0, 0.45));
    }

    private static List<SurfaceRow> surface() {
        List<SurfaceRow> rows = new ArrayList<>();
        long trial = 1;
        for (double lr : new double[] {0.01, 0.03, 0.1, 0.3}) {
            for (int e = 0; e < 4; e++) {
                rows.add(row(trial, SurfaceRow.GRID, e, lr, 0.1 * lr * 10 / (e + 1)));
            }
            trial++;
        }
        for (int e = 0; e < 4; e++) {
            rows.add(row(99, SurfaceRow.ORACLE, e, 0.3 / (e + 1), 0.2));
        }
        return rows;
    }

    private static SurfaceRow row(long trial, String kind, int epoch, double lr, double r) {
        return new SurfaceRow(trial, "sample", "t1", kind, new TaskFeatures(1000, 5000, 32, "SGD"), 4, 2.3, epoch,
                2.3 / (epoch + 1), Double.NaN, lr, 2.3 / (epoch + 2), r, 1.0, 0.7);
    }

    static Map<dev.psi.core.psi.PsiFeature, double[]> ranges() {
        return Map.of(LOSS_RATIO, new double[] {0.05, 1}, EPOCH, new double[] {0, 9});
    }

    static FormulaModel formula() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loto_rmse_log_lr", 0.3);
        metrics.put("r2", 0.8);
        List<ParetoPoint> pareto = List.of(
                new ParetoPoint(3, 0.52, Expression.parse("0.2*loss_ratio")),
                new ParetoPoint(7, 0.4, Expression.parse("0.3*loss_ratio^0.5")),
                new ParetoPoint(12, 0.31, Expression.parse("0.3*loss_ratio^0.5*(1 + epoch)^-0.2")));
        FitInfo fit = new FitInfo(1e-3, 0.5, ranges(), metrics, List.of("sample"), List.of("t1"), pareto);
        return FormulaModel.of(Expression.parse("0.3*loss_ratio^0.5*(1 + epoch)^-0.2"), fit);
    }

    static NetworkModel network() {
        Member member = new Member(List.of(
                new Layer(new double[][] {{0.1, 0.2}, {-0.3, 0.4}}, new double[] {0.1, -0.1}, Activation.TANH),
                new Layer(new double[][] {{1, -1}}, new double[] {-3}, Activation.LINEAR)));
        FitInfo fit = new FitInfo(1e-4, 1, ranges(), Map.of("loto_rmse_log_lr", 0.41), List.of("sample"),
                List.of("t1"), List.of());
        return new NetworkModel(List.of(LOSS_RATIO, EPOCH), new double[] {0.4, 4.5}, new double[] {0.3, 2.9},
                List.of(member, member), fit);
    }
}
