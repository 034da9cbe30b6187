package dev.psi.lab.work;

import dev.psi.lab.surface.SampledTrial;
import dev.psi.lab.surface.SamplingMode;
import dev.psi.lab.surface.SamplingPlan;
import dev.psi.lab.surface.SurfaceSampler;
import dev.psi.store.ResultStore;
import dev.psi.train.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One long-horizon label trajectory of a task and seed: the best of {@code count} whole-budget schedules
 * ({@link SamplingMode.Schedules}), sampled into the surface by {@link SurfaceSampler}, which skips it when the
 * store holds it finished and restarts it when a killed process left it running. The counterpart of
 * {@link SampleJob}, the greedy oracle's trajectory, for a study that labels Ψ with whole-budget schedules to
 * avoid the greedy oracle's short-horizon bias (Wu et al. 2018).
 *
 * @param study the sampling study
 * @param step what the trajectory is for in the study's progress lines, e.g. {@code sample}
 * @param task a built-in task name, the absolute path of a task spec file, or a reference to a stored copy of one
 *     ({@link StoredFiles#task})
 * @param count N, the candidate schedules
 * @param knots K, the knots of each
 * @param lrMin the smallest knot rate, or {@code null} for the optimizer family's default rate / 10
 * @param lrMax the largest knot rate, or {@code null} for the optimizer family's default rate × 10
 * @param seed the trial's seed, 1 or more
 * @param epochs the epoch budget, or {@code null} for the task's own
 * @param trainSize a seeded training subset, or {@code null} for all examples
 */
public record ScheduleJob(String study, String step, String task, int count, int knots, Double lrMin, Double lrMax,
        long seed, Integer epochs, Integer trainSize) implements Job {

    public ScheduleJob {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(task, "task");
        mode(count, knots, lrMin, lrMax);
    }

    /** The trajectory of {@code task} and {@code seed} under {@code schedules}. */
    public static ScheduleJob of(String study, String step, String task, SamplingMode.Schedules schedules, long seed,
            OptionalInt epochs, Integer trainSize) {
        return new ScheduleJob(study, step, task, schedules.count(), schedules.knots(),
                schedules.lrMin().isPresent() ? schedules.lrMin().getAsDouble() : null,
                schedules.lrMax().isPresent() ? schedules.lrMax().getAsDouble() : null, seed,
                epochs.isPresent() ? epochs.getAsInt() : null, trainSize);
    }

    /** The sampling mode this job runs. */
    public SamplingMode.Schedules mode() {
        return mode(count, knots, lrMin, lrMax);
    }

    private static SamplingMode.Schedules mode(int count, int knots, Double lrMin, Double lrMax) {
        return new SamplingMode.Schedules(count, knots, lrMin == null ? OptionalDouble.empty() : OptionalDouble.of(lrMin),
                lrMax == null ? OptionalDouble.empty() : OptionalDouble.of(lrMax));
    }

    @Override
    public String kind() {
        return "schedules";
    }

    @Override
    public String label() {
        return String.format(Locale.ROOT, "%s %s seed %d (long-horizon)", step, Jobs.taskName(task), seed);
    }

    @Override
    public JobResult run(ResultStore store) {
        TaskSpec spec = StoredFiles.of(store).task(task);
        SamplingPlan plan = new SamplingPlan(study, List.of(spec), mode(), (int) seed,
                epochs == null ? OptionalInt.empty() : OptionalInt.of(epochs),
                trainSize == null ? OptionalInt.empty() : OptionalInt.of(trainSize), OptionalInt.empty(),
                Optional.empty());
        List<SampledTrial> trials = new ArrayList<>();
        new SurfaceSampler(store, trials::add).sample(plan, spec, seed);
        SampledTrial trial = trials.get(0);
        return JobResult.of(String.format(Locale.ROOT, "%s: %s, %d epochs trained, %.1f s", label(),
                trial.skipped() ? "done before" : trial.status().word(), trial.epochsTrained(), trial.wallSeconds()));
    }
}
