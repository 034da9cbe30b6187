package dev.psi.lab.rangetest;

import dev.psi.core.controller.TrainingState;
import dev.psi.core.spec.Spec;
import dev.psi.train.data.DataSplit;
import dev.psi.train.engine.Trial;
import dev.psi.train.engine.TrialConfig;
import dev.psi.train.engine.TrialListener;
import dev.psi.train.task.TaskSpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The learning-rate range test (Smith 2017, "Cyclical learning rates for training neural networks", §3.3; fastai's
 * {@code lr_find}): one short run from the initial weights whose rate grows exponentially, step by step, from
 * {@code lrMin} to {@code lrMax}, recording each batch's loss. The loss falls slowly at rates too small to matter,
 * fastest somewhere in between, and rises or diverges once the rate is too large; the rate of the steepest fall
 * is a good constant rate, the scale the task gives.
 *
 * <p>The trial is seeded like any other (its initialization and batch order), and stops at {@code steps} or when
 * the loss diverges, which is the end of the test rather than a failure.
 *
 * @param lrMin the first step's rate, &gt; 0
 * @param lrMax the last step's rate, &gt; lrMin
 * @param steps optimizer steps, at least {@value #MIN_STEPS}
 */
public record RangeTest(double lrMin, double lrMax, int steps) {

    /** Fewer steps leave too few points for the smoothed slope to mean anything. */
    public static final int MIN_STEPS = 10;

    public RangeTest {
        if (!(lrMin > 0) || !(lrMax > lrMin) || Double.isInfinite(lrMax)) {
            throw new IllegalArgumentException("the range test needs 0 < --lr-min < --lr-max, got " + lrMin + " and "
                    + lrMax);
        }
        if (steps < MIN_STEPS) {
            throw new IllegalArgumentException("--steps must be >= " + MIN_STEPS + ", got " + steps);
        }
    }

    /** fastai's defaults: 1e-7 to 10 over 100 steps. */
    public static RangeTest defaults() {
        return new RangeTest(1e-7, 10, 100);
    }

    /**
     * The controller spec of the test: ExponentialLR per step from lrMin with γ = (lrMax/lrMin)^(1/(steps−1)), so
     * that step k trains at lrMin·γ^k and the last at lrMax.
     */
    public Spec controller() {
        double gamma = Math.pow(lrMax / lrMin, 1.0 / (steps - 1));
        return Spec.parse(String.format(Locale.ROOT, "ExponentialLR(lr=%s,gamma=%s,interval=step)", text(lrMin),
                new BigDecimal(gamma).round(new MathContext(17)).toPlainString()));
    }

    /**
     * Runs the test on {@code task} with {@code optimizer} (the task's when null).
     *
     * @param data the task's examples, as {@link TaskSpec#load} gives them
     */
    public RangeTestResult run(TaskSpec task, Spec optimizer, DataSplit data, long seed) {
        Spec chosen = optimizer == null ? task.optimizer() : optimizer;
        TrialConfig config = new TrialConfig(task.model(), chosen, controller(), task.batchSize(),
                epochs(data.train().count(), task.batchSize()), seed, TrialConfig.DEFAULT_LOSS_SMOOTHING,
                stepsPerEpoch(data.train().count(), task.batchSize()));
        List<Double> rates = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        try (Trial trial = Trial.create(config, data)) {
            trial.run(new TrialListener() {
                @Override
                public void onStep(TrainingState state, double learningRate) {
                    if (rates.size() < steps) {
                        rates.add(learningRate);
                        losses.add(state.batchLoss());
                    }
                }
            });
        }
        return RangeTestResult.of(rates, losses);
    }

    /**
     * The whole epochs the test trains on {@code examples} training examples: enough for its steps (what it costs;
     * steps past the last rate keep growing it and end in divergence, so the last epoch is seldom finished).
     */
    public int epochs(int examples, int batchSize) {
        int perEpoch = stepsPerEpoch(examples, batchSize);
        return (steps + perEpoch - 1) / perEpoch;
    }

    private static int stepsPerEpoch(int examples, int batchSize) {
        return Math.max(1, (examples + batchSize - 1) / batchSize);
    }

    private static String text(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
