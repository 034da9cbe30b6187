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
 * One oracle trajectory of a task and seed, sampled into the surface by {@link SurfaceSampler} (which
 * skips it when the store holds it finished, and restarts it when a killed process left it running).
 *
 * @param study the sampling study
 * @param step what the trajectory is for in the study's progress lines: {@code sample} (Ψ's training
 *     surface) or {@code oracle} (the oracle method on a held-out task)
 * @param task a built-in task name, the absolute path of a task spec file, or a reference to a stored copy of one
 *     ({@link StoredFiles#task})
 * @param candidates the oracle's candidate factors
 * @param horizon its lookahead in epochs
 * @param seed the trial's seed, 1 or more
 * @param epochs the epoch budget, or {@code null} for the task's own
 * @param trainSize a seeded training subset, or {@code null} for all examples
 */
public record SampleJob(String study, String step, String task, List<Double> candidates, int horizon, long seed,
        Integer epochs, Integer trainSize) implements Job {

    public SampleJob {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(task, "task");
        candidates = List.copyOf(candidates);
    }

    /** The trajectory of {@code task} and {@code seed} under {@code oracle}, which must use the validation loss. */
    public static SampleJob of(String study, String step, String task, SamplingMode.Oracle oracle, long seed,
            OptionalInt epochs, Integer trainSize) {
        if (oracle.objective() != SamplingMode.Objective.VAL_LOSS || oracle.lrStart().isPresent()) {
            throw new IllegalArgumentException("a study's oracle uses the validation loss from the default rate");
        }
        return new SampleJob(study, step, task, oracle.candidates(), oracle.horizon(), seed,
                epochs.isPresent() ? epochs.getAsInt() : null, trainSize);
    }

    @Override
    public String kind() {
        return "sample";
    }

    @Override
    public String label() {
        return String.format(Locale.ROOT, "%s %s seed %d", step, Jobs.taskName(task), seed);
    }

    @Override
    public JobResult run(ResultStore store) {
        TaskSpec spec = StoredFiles.of(store).task(task);
        SamplingPlan plan = new SamplingPlan(study, List.of(spec), new SamplingMode.Oracle(candidates, horizon,
                SamplingMode.Objective.VAL_LOSS, OptionalDouble.empty()), (int) seed,
                epochs == null ? OptionalInt.empty() : OptionalInt.of(epochs),
                trainSize == null ? OptionalInt.empty() : OptionalInt.of(trainSize), OptionalInt.empty(),
                Optional.empty());
        List<SampledTrial> trials = new ArrayList<>();
        new SurfaceSampler(store, trials::add).sample(plan, spec, seed);
        SampledTrial trial = trials.get(0);
        return JobResult.of(String.format(Locale.ROOT, "%s: %s, %d epochs trained, %.1f s%s", label(),
                trial.skipped() ? "done before" : trial.status().word(), trial.epochsTrained(), trial.wallSeconds(),
                trial.resumed() ? " (resumed)" : ""));
    }
}
