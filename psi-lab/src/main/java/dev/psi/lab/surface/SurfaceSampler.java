package dev.psi.lab.surface;

import dev.psi.core.criteria.Target;
import dev.psi.core.result.SurfaceRow;

import dev.psi.core.result.TrialStatus;
import dev.psi.lab.record.TrialRecorder;
import dev.psi.lab.record.TrialRecords;
import dev.psi.core.spec.Spec;
import dev.psi.store.NewTrial;
import dev.psi.store.ResultStore;
import dev.psi.store.StoredCheckpoint;
import dev.psi.store.TrialStore;
import dev.psi.store.TrialSummary;
import dev.psi.train.data.DataSplit;
import dev.psi.train.engine.Checkpoint;
import dev.psi.train.engine.Trial;
import dev.psi.train.engine.TrialConfig;
import dev.psi.train.optim.Optimizers;
import dev.psi.train.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Samples the surface (task, i, ε_i, α_i) → r_i: runs every trial of a {@link SamplingPlan}, writing each
 * as a normal trial of the study (its {@code trials} and {@code epochs} rows, as {@code psi train} writes
 * them) plus one {@code surface} row per sampled epoch.
 *
 * <h2>Resuming</h2>
 * A study is identified by its name. Before a trial runs, the store is asked for trials of the same study,
 * task, mode (the controller spec text), optimizer, seed, epoch budget, batch size and training size
 * ({@link TrialStore#like}): a completed or diverged one means the trial is done and it is skipped;
 * a {@code running} one was left by a killed process. An oracle trajectory stores a checkpoint after every
 * kept epoch ({@link TrajectoryCheckpoint}) and resumes from it under its own id, ending with the rows it
 * would have had; a walk, grid or long-horizon schedule search trial (or a trajectory without a usable checkpoint) is marked failed with
 * the error {@code interrupted} and starts again from scratch. Rerunning a plan therefore finishes what is
 * missing and duplicates nothing. Two processes sampling one study at the same time would take each other's
 * trials for interrupted ones: run one at a time per study (a study's workers never share a trial).
 *
 * <h2>Determinism</h2>
 * The seed fixes the data subset, the initialization, the data order, the walk's draws and the labeller's
 * candidate schedules; the same plan gives the same rows.
 *
 * <p>Trials run one after another on the calling thread, which must be the only one training in the JVM.
 */
public final class SurfaceSampler {

    /** Observes the plan's progress; called on the training thread once per planned trial. */
    @FunctionalInterface
    public interface Listener {

        /** A listener that ignores everything. */
        Listener NONE = trial -> {
        };

        /** After a trial finished or was skipped. */
        void onTrial(SampledTrial trial);
    }

    /** One trial of a task and seed: its controller spec text, its initial rate and how it chooses α. */
    private record Arm(String controller, double initialRate, Supplier<EpochDriver> driver) {
    }

    private final ResultStore store;
    private final Listener listener;
    private final String host = TrialRecords.host();
    private DataSplit cachedData;
    private String cachedKey;

    /**
     * @param store where trials, epochs and surface rows go, and where finished trials are found
     * @param listener told of every trial as it finishes or is skipped
     */
    public SurfaceSampler(ResultStore store, Listener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Runs every trial of {@code plan} that the store does not hold finished.
     *
     * @throws dev.psi.train.data.DataException if a task's data is missing or malformed
     * @throws dev.psi.store.StoreException if the store fails, or the study exists with another purpose
     */
    public SamplingSummary sample(SamplingPlan plan) {
        Objects.requireNonNull(plan, "plan");
        int total = 0;
        for (TaskSpec task : plan.tasks()) {
            total += plan.seeds() * arms(plan, task, 1).size();
        }
        SamplingSummary summary = SamplingSummary.EMPTY;
        int index = 0;
        for (TaskSpec task : plan.tasks()) {
            for (long seed = 1; seed <= plan.seeds(); seed++) {
                for (Arm arm : arms(plan, task, seed)) {
                    SampledTrial trial = sample(plan, task, seed, arm, ++index, total);
                    listener.onTrial(trial);
                    summary = summary.plus(trial, plan.mode().searches());
                }
            }
        }
        return summary;
    }

    /**
     * Runs the trials of one task and seed of {@code plan} (one per grid rate, else one) that the store
     * does not hold finished: one unit of work when a study spreads its sampling over worker processes.
     *
     * @throws IllegalArgumentException if {@code task} is not one of the plan's or {@code seed} is outside
     *     1..{@code plan.seeds()}
     */
    public SamplingSummary sample(SamplingPlan plan, TaskSpec task, long seed) {
        Objects.requireNonNull(plan, "plan");
        if (!plan.tasks().contains(task) || seed < 1 || seed > plan.seeds()) {
            throw new IllegalArgumentException("task " + task.name() + " seed " + seed + " is not part of plan "
                    + plan.study());
        }
        List<Arm> arms = arms(plan, task, seed);
        SamplingSummary summary = SamplingSummary.EMPTY;
        for (int i = 0; i < arms.size(); i++) {
            SampledTrial trial = sample(plan, task, seed, arms.get(i), i + 1, arms.size());
            listener.onTrial(trial);
            summary = summary.plus(trial, plan.mode().searches());
        }
        return summary;
    }

    private SampledTrial sample(SamplingPlan plan, TaskSpec task, long seed, Arm arm, int index, int total) {
        Spec optimizer = plan.optimizerOf(task);
        // The engine needs a real controller to start with; the drivers replace it before every epoch.
        Spec initial = Spec.parse(SamplingMode.Grid.spec(arm.initialRate()));
        TrialConfig config = new TrialConfig(task.model(), optimizer, initial, plan.batchSizeOf(task),
                plan.epochsOf(task), seed, TrialConfig.DEFAULT_LOSS_SMOOTHING, task.evalEvery());
        Integer trainSize = plan.trainSize().isPresent() ? plan.trainSize().getAsInt() : null;
        NewTrial planned = NewTrial.builder().study(plan.study()).task(task.name()).controller(arm.controller())
                .optimizer(optimizer.toString()).seed(seed).epochs(config.epochs()).batchSize(config.batchSize())
                .trainSize(trainSize).host(host).configJson(TrialRecords.configJson(task, config, trainSize,
                        Map.of("controller", arm.controller(), "mode", plan.mode().name())))
                .build();
        List<TrialSummary> previous = store.trials().like(planned);
        Optional<TrialSummary> finished = previous.stream()
                .filter(t -> t.status() == TrialStatus.COMPLETED || t.status() == TrialStatus.DIVERGED)
                .findFirst();
        if (finished.isPresent()) {
            TrialSummary done = finished.get();
            return new SampledTrial(index, total, task.name(), arm.controller(), seed, done.id(), true,
                    OptionalLong.empty(), false, done.status(), done.epochsDone(), 0, 0, 0);
        }
        // Load before writing anything, so that missing data leaves the store as it was.
        DataSplit data = load(task, plan, seed);
        EpochDriver driver = arm.driver().get();
        Optional<StoredCheckpoint> resumable = driver instanceof ResumableDriver
                ? store.checkpoints().resumable(previous) : Optional.empty();
        OptionalLong interrupted = OptionalLong.empty();
        for (TrialSummary left : previous) {
            boolean resumed = resumable.isPresent() && resumable.get().trialId() == left.id();
            if (left.status() == TrialStatus.RUNNING && !resumed) {
                store.trials().finish(left.id(), TrialStatus.FAILED, null, TrialStore.INTERRUPTED, Double.NaN);
                interrupted = OptionalLong.of(left.id());
            }
        }
        TrialRecorder.Registered registered = TrialRecorder.register(store, task, "sample", planned);
        if (resumable.isPresent()) {
            try (Trial trial = Trial.create(config, data)) {
                long trialId = resumable.get().trialId();
                Optional<TrajectoryCheckpoint> point = restore(trial, resumable.get());
                if (point.isPresent()) {
                    SurfaceTrial run = new SurfaceTrial(registered.resume(trialId), trial, plan.study(), task.name(),
                            data.train().count());
                    run.restore(point.get());
                    return train(plan, task, seed, arm, index, total, run,
                            () -> ((ResumableDriver) driver).resume(run, point.get()), OptionalLong.of(trialId));
                }
                interrupted = OptionalLong.of(trialId);
            }
        }
        try (Trial trial = Trial.create(config, data)) {
            SurfaceTrial run = new SurfaceTrial(registered.start(), trial, plan.study(), task.name(),
                    data.train().count());
            return train(plan, task, seed, arm, index, total, run, () -> driver.drive(run), interrupted);
        }
    }

    /**
     * Restores the engine's {@code trial} to the checkpoint of an unfinished attempt; its {@link SurfaceTrial}
     * takes up the rest of the point ({@link SurfaceTrial#restore}). One that cannot be read or does not fit
     * (another version of Psi, a changed task) is abandoned ({@link dev.psi.store.CheckpointStore#abandon}) and
     * the trial starts afresh.
     */
    private Optional<TrajectoryCheckpoint> restore(Trial trial, StoredCheckpoint stored) {
        try {
            TrajectoryCheckpoint point = TrajectoryCheckpoint.fromBytes(stored.state());
            trial.restore(Checkpoint.fromBytes(point.trial()));
            return Optional.of(point);
        } catch (RuntimeException e) {
            store.checkpoints().abandon(stored.trialId(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Runs {@code driving} on {@code run} to the trial's end and stores how it ended. */
    private SampledTrial train(SamplingPlan plan, TaskSpec task, long seed, Arm arm, int index, int total,
            SurfaceTrial run, Runnable driving, OptionalLong interrupted) {
        Trial trial = run.trial();
        TrialRecorder recorder = run.recorder();
        long trialId = recorder.trialId();
        try {
            driving.run();
            if (plan.mode().searches()) {
                store.trials().recordEpochsTrained(trialId, run.epochsTrained());
            }
        } catch (RuntimeException e) {
            recorder.finish(TrialStatus.FAILED, trial.history().size(), String.valueOf(e.getMessage()), run.seconds());
            recorder.deleteCheckpoint();
            throw e;
        }
        TrialStatus status = trial.status();
        // The history holds the finished epochs; a diverged epoch is not among them, it is the next one.
        int epochs = trial.history().size();
        double seconds = run.seconds();
        recorder.finish(status, epochs, null, seconds);
        recorder.deleteCheckpoint();
        return new SampledTrial(index, total, task.name(), arm.controller(), seed, trialId, false, interrupted,
                interrupted.isPresent() && interrupted.getAsLong() == trialId, status, epochs, run.epochsTrained(),
                run.rows(), seconds);
    }

    /**
     * The trials of one task and seed: one per grid rate, else one. The long-horizon labeller judges its
     * candidates by the task's target when the task has one (time to target, then final validation loss), else
     * by final validation loss.
     */
    private static List<Arm> arms(SamplingPlan plan, TaskSpec task, long seed) {
        double defaultLr = Optimizers.defaultLearningRate(plan.optimizerOf(task));
        List<Arm> arms = new ArrayList<>();
        if (plan.mode() instanceof SamplingMode.Walk walk) {
            double start = walk.start(defaultLr);
            arms.add(new Arm(walk.spec(start), start,
                    () -> new OpenLoopDriver(SurfaceRow.WALK, new LognormalWalk(walk, start, seed)::next)));
        } else if (plan.mode() instanceof SamplingMode.Grid grid) {
            for (double rate : grid.rates()) {
                arms.add(new Arm(SamplingMode.Grid.spec(rate), rate,
                        () -> new OpenLoopDriver(SurfaceRow.GRID, () -> rate)));
            }
        } else if (plan.mode() instanceof SamplingMode.Oracle oracle) {
            double start = oracle.start(defaultLr);
            arms.add(new Arm(oracle.spec(start), start, () -> new OracleSearch(oracle, start)));
        } else if (plan.mode() instanceof SamplingMode.Schedules search) {
            double low = search.low(defaultLr);
            double high = search.high(defaultLr);
            Optional<Target> target = task.target();
            List<LogLinearSchedule> schedules = ScheduleCandidates.draw(search, low, high, plan.epochsOf(task), seed);
            arms.add(new Arm(search.spec(low, high, target), schedules.get(0).rate(0),
                    () -> new ScheduleSearch(schedules, target)));
        }
        return arms;
    }

    /** The task's examples for one seed; a grid's trials of one seed share them. */
    private DataSplit load(TaskSpec task, SamplingPlan plan, long seed) {
        String key = task.name() + "/" + plan.trainSize() + "/" + seed;
        if (!key.equals(cachedKey)) {
            cachedData = task.load(plan.trainSize().orElse(0), seed);
            cachedKey = key;
        }
        return cachedData;
    }
}
