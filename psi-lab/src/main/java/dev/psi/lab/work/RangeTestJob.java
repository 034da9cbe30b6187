package dev.psi.lab.work;

import dev.psi.core.criteria.TuningCost;
import dev.psi.core.spec.Spec;
import dev.psi.lab.rangetest.RangeTest;
import dev.psi.lab.rangetest.RangeTestResult;
import dev.psi.store.ResultStore;
import dev.psi.train.data.DataSplit;
import dev.psi.train.task.TaskSpec;
import java.util.Locale;
import java.util.Objects;

/**
 * One learning-rate range test ({@link RangeTest#defaults()}: 100 steps from 1e-7 to 10) on a task, the scale a
 * relative Ψ multiplies its rates by. Nothing is stored but the job's result, the {@link Scale}: the test is a
 * measurement, not a trial anyone is scored on, and it is short enough that a retried job simply runs it again.
 *
 * @param task a built-in task name, the absolute path of a task spec file, or a reference to a stored copy of one
 *     ({@link StoredFiles#task})
 * @param optimizer the optimizer spec the test trains with, the task's own
 * @param seed fixes the test's initialization and batch order
 * @param trainSize a seeded training subset, or {@code null} for all examples
 */
public record RangeTestJob(String task, String optimizer, long seed, Integer trainSize) implements Job {

    public RangeTestJob {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(optimizer, "optimizer");
    }

    /**
     * What the test measured: the rate it suggests and what it cost.
     *
     * @param rate the suggested rate ({@link RangeTestResult#suggested()}); where the loss never fell, a tenth of
     *     the rate of the lowest loss; where not even that is finite, the first rate of the test, so that a scale
     *     is always a positive finite rate and such a task shows as a failure of the relative Ψ, not of the study
     * @param epochs the whole epochs the test trained
     * @param seconds its wall-clock time
     * @param suggested whether the test suggested the rate, rather than falling back: a relative Ψ learns only from
     *     tasks whose scale was measured
     */
    public record Scale(double rate, long epochs, double seconds, boolean suggested) {

        public Scale {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("a range test's scale must be a positive finite rate, got " + rate);
            }
        }

        /** What the test cost the task: one short trial. */
        public TuningCost cost() {
            return new TuningCost(1, epochs, seconds);
        }
    }

    @Override
    public String kind() {
        return "range-test";
    }

    @Override
    public String label() {
        return String.format(Locale.ROOT, "range test %s seed %d", Jobs.taskName(task), seed);
    }

    @Override
    public JobResult run(ResultStore store) {
        TaskSpec spec = StoredFiles.of(store).task(task);
        DataSplit data = spec.load(trainSize == null ? 0 : trainSize, seed);
        RangeTest test = RangeTest.defaults();
        long start = System.nanoTime();
        RangeTestResult result = test.run(spec, Spec.parse(optimizer), data, seed);
        double seconds = (System.nanoTime() - start) / 1e9;
        Scale scale = new Scale(rate(test, result), test.epochs(data.train().count(), spec.batchSize()), seconds,
                Double.isFinite(result.suggested()));
        return new JobResult(String.format(Locale.ROOT, "%s: %s %.3g, %.1f s", label(),
                scale.suggested() ? "suggests" : "no fall, falls back to", scale.rate(), seconds), null, scale);
    }

    private static double rate(RangeTest test, RangeTestResult result) {
        if (Double.isFinite(result.suggested())) {
            return result.suggested();
        }
        double tenth = result.minimumRate() / 10;
        return tenth > 0 && Double.isFinite(tenth) ? tenth : test.lrMin();
    }
}
