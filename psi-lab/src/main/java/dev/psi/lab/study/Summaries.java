package dev.psi.lab.study;

import dev.psi.core.criteria.ConfidenceInterval;
import dev.psi.core.criteria.Medians;
import dev.psi.core.criteria.Metric;
import dev.psi.core.criteria.Reliability;
import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TimeToTarget;
import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.criteria.TuningCost;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The criteria of one method on one task, from the curves of its seeds. */
final class Summaries {

    /** Fixes the bootstrap resamples: the same curves give the same interval. */
    private static final long BOOTSTRAP_SEED = 1;

    private Summaries() {
    }

    /**
     * The results row of {@code method} on {@code task}.
     *
     * <p>A seed that diverged before finishing an epoch has no accuracy: it counts as 0, and its final
     * validation loss as ∞, since a diverged run is a failure. For a regression task (a {@code val_loss}
     * target) the best accuracy is {@code NaN}.
     */
    static MethodResult of(String task, String method, List<TrialCurve> seeds, Target target, TuningCost tuning) {
        int n = seeds.size();
        double[] steps = new double[n];
        double[] seconds = new double[n];
        double[] accuracy = new double[n];
        double[] finalLoss = new double[n];
        double[] testAccuracy = new double[n];
        double[] finalTestLoss = new double[n];
        for (int i = 0; i < n; i++) {
            TrialCurve curve = seeds.get(i);
            TimeToTarget time = TimeToTarget.of(curve, target);
            steps[i] = time.steps();
            seconds[i] = time.seconds();
            List<EpochResult> counted = curve.countedEpochs();
            accuracy[i] = counted.stream().mapToDouble(EpochResult::valAccuracy).filter(Double::isFinite).max()
                    .orElse(0);
            boolean diverged = curve.status() == TrialStatus.DIVERGED || counted.isEmpty();
            finalLoss[i] = curve.finalValLoss();
            // The model a user would keep is chosen on validation; its test accuracy is only read.
            testAccuracy[i] = counted.stream().filter(e -> Double.isFinite(e.valAccuracy()))
                    .max(Comparator.comparingDouble(EpochResult::valAccuracy)).map(EpochResult::testAccuracy)
                    .orElse(0.0);
            double lastTest = counted.isEmpty() ? Double.NaN : counted.get(counted.size() - 1).testLoss();
            finalTestLoss[i] = diverged ? Double.POSITIVE_INFINITY : lastTest;
        }
        boolean hasTest = seeds.stream().flatMap(c -> c.countedEpochs().stream())
                .anyMatch(e -> Double.isFinite(e.testLoss()));
        TestScores test = !hasTest ? TestScores.NONE : new TestScores(
                target.metric() == Metric.VAL_ACCURACY ? Medians.median(testAccuracy) : Double.NaN,
                Medians.median(finalTestLoss));
        ConfidenceInterval interval = Medians.bootstrapInterval(steps, BOOTSTRAP_SEED);
        double bestAccuracy = target.metric() == Metric.VAL_ACCURACY ? Medians.median(accuracy) : Double.NaN;
        return new MethodResult(task, method, n, Arrays.stream(steps).boxed().toList(), Medians.median(steps), interval,
                Medians.median(seconds), Reliability.of(seeds, target), bestAccuracy, Medians.median(finalLoss), tuning,
                seeds.stream().map(TrialCurve::epochs).toList(), test);
    }
}
