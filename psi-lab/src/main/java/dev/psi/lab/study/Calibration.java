package dev.psi.lab.study;

import dev.psi.core.criteria.Medians;
import dev.psi.core.criteria.Metric;
import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.spec.Spec;
import dev.psi.lab.search.Point;
import dev.psi.lab.search.ScheduleFamily;
import dev.psi.lab.work.TrialJob;
import dev.psi.train.optim.Optimizers;
import dev.psi.train.task.TaskSpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a held-out task's target is set, unless its spec sets one. The plan's grid of constant rates around the
 * task optimizer's standard rate is trained at the study's full budget on every tuning seed; each seed's best
 * is the best validation metric of any epoch of any rate (accuracy for classification, loss for regression);
 * the target is the median over the seeds of those bests, with no slack. A method reaches it only by training
 * as good a model as the best constant rate did, not merely by decaying early, which a slack of a few percent
 * below the best rewarded.
 */
final class Calibration {

    private Calibration() {
    }

    /** The grid of {@code task}: every rate of the plan's grid on every tuning seed, in that order. */
    static List<TrialJob> runs(StudyPlan plan, TaskSpec task, Integer trainSize) {
        List<TrialJob> runs = new ArrayList<>();
        for (long seed : plan.tuningSeeds()) {
            for (double rate : rates(plan, task)) {
                Spec controller = Spec.parse(ScheduleFamily.CONSTANT.spec(Point.rateText(rate), plan.epochsOf(task)));
                runs.add(TrialJob.of(plan.name() + "-calibrate", "calibrate", plan.source(task), controller,
                        task.optimizer(), seed, plan.epochsOf(task), trainSize, controller.toString()));
            }
        }
        return runs;
    }

    /**
     * The target of the grid's finished runs, grouped by seed: the median over seeds of each seed's best.
     *
     * @throws IllegalArgumentException if a seed's every run diverged before a finite validation metric
     */
    static Target target(String task, Map<Long, List<TrialCurve>> curvesBySeed) {
        boolean regression = curvesBySeed.values().stream().flatMap(List::stream)
                .flatMap(c -> c.countedEpochs().stream()).allMatch(e -> Double.isNaN(e.valAccuracy()));
        Metric metric = regression ? Metric.VAL_LOSS : Metric.VAL_ACCURACY;
        double[] bests = new double[curvesBySeed.size()];
        int i = 0;
        for (List<TrialCurve> curves : curvesBySeed.values()) {
            bests[i++] = curves.stream().flatMap(c -> c.countedEpochs().stream()).mapToDouble(metric::of)
                    .filter(Double::isFinite).reduce((a, b) -> metric.better(a, b) ? a : b)
                    .orElseThrow(() -> new IllegalArgumentException("calibrating " + task + ": every run of the "
                            + "grid diverged; give the task a target in its spec"));
        }
        return new Target(metric, Medians.median(bests));
    }

    /** The target {@code task}'s spec sets; the task must have one. */
    static Target given(TaskSpec task) {
        return task.target().orElseThrow();
    }

    /** How the plan sets the target of {@code task}, in words for the report. */
    static String describe(StudyPlan plan, TaskSpec task) {
        if (task.target().isPresent()) {
            return "set by the task's spec";
        }
        List<Double> rates = rates(plan, task);
        return String.format(Locale.ROOT, "median over tuning seeds %s of the best validation metric of %d constant "
                + "rates from %s to %s (%d epochs each), no slack", plan.tuningSeeds(), rates.size(),
                Point.rateText(rates.get(0)), Point.rateText(rates.get(rates.size() - 1)), plan.epochsOf(task));
    }

    private static List<Double> rates(StudyPlan plan, TaskSpec task) {
        double standard = Optimizers.defaultLearningRate(task.optimizer());
        return plan.calibrationFactors().stream().map(factor -> scaled(standard, factor)).toList();
    }

    /**
     * {@code value × factor} to six significant digits, so that a spec names the value it trains with: 0.1 × 0.1
     * is to be named 0.01, not 0.010000000000000002.
     */
    static double scaled(double value, double factor) {
        return BigDecimal.valueOf(value * factor).round(new MathContext(6)).doubleValue();
    }
}
