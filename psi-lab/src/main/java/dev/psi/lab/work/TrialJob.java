package dev.psi.lab.work;

import dev.psi.core.controller.Controller;
import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import dev.psi.core.spec.Spec;
import dev.psi.lab.record.StoredTraining;
import dev.psi.lab.record.TrialRecorder;
import dev.psi.lab.record.TrialRecords;
import dev.psi.lab.search.Point;
import dev.psi.lab.search.RateSchedule;
import dev.psi.lab.search.ScheduleFamily;
import dev.psi.store.NewTrial;
import dev.psi.store.ResultStore;
import dev.psi.store.StoredCheckpoint;
import dev.psi.store.TrialStore;
import dev.psi.store.TrialSummary;
import dev.psi.train.data.DataSplit;
import dev.psi.train.engine.Checkpoint;
import dev.psi.train.engine.Trial;
import dev.psi.train.engine.TrialConfig;
import dev.psi.train.engine.TrialListener;
import dev.psi.train.engine.TrialOutcome;
import dev.psi.train.task.TaskSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One training run of a study, stored as {@code psi train} stores one. A completed or diverged trial of
 * the same study, task, controller, optimizer, seed, budget, batch size and training size
 * ({@link TrialStore#like}) is the job done: {@link #run} reads it back instead of training.
 *
 * <p>While the trial trains, its {@link Checkpoint} is stored after every epoch. When a killed process left
 * an attempt unfinished ({@code running}, or marked {@code interrupted} since), {@link #run} resumes the
 * latest such attempt from its checkpoint, under the same trial id, and the trial ends with the numbers it
 * would have had without the interruption; only the epoch in flight is trained twice. Other attempts left
 * {@code running} are marked failed ({@code interrupted}).
 *
 * @param study the study the trial is stored in
 * @param purpose the study's purpose, e.g. {@code evaluate} or {@code calibrate}
 * @param task a built-in task name, the absolute path of a task spec file, or a reference to a stored copy of one
 *     ({@link StoredFiles#task})
 * @param controller the controller spec, or {@code null} when {@code rates} replays a schedule
 * @param rates the per-epoch rates of a discovered schedule ({@link RateSchedule}) to replay, or {@code null}
 * @param optimizer the optimizer spec
 * @param seed the trial's seed
 * @param epochs the epoch budget
 * @param trainSize a seeded training subset, or {@code null} for all examples
 * @param method the study's name for the method, recorded in the trial's config JSON
 */
public record TrialJob(String study, String purpose, String task, String controller, List<Double> rates,
        String optimizer, long seed, int epochs, Integer trainSize, String method) implements Job {

    public TrialJob {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(method, "method");
        if ((controller == null) == (rates == null)) {
            throw new IllegalArgumentException("a trial job needs a controller spec or replayed rates, not both");
        }
        rates = rates == null ? null : List.copyOf(rates);
    }

    /** A trial of {@code controller}. */
    public static TrialJob of(String study, String purpose, String task, Spec controller, Spec optimizer, long seed,
            int epochs, Integer trainSize, String method) {
        return new TrialJob(study, purpose, task, controller.toString(), null, optimizer.toString(), seed, epochs,
                trainSize, method);
    }

    /** A trial that replays {@code schedule}, such as the one population-based training discovered. */
    public static TrialJob replaying(String study, String purpose, String task, RateSchedule schedule,
            Spec optimizer, long seed, int epochs, Integer trainSize, String method) {
        return new TrialJob(study, purpose, task, null, schedule.rates(), optimizer.toString(), seed, epochs,
                trainSize, method);
    }

    /** This trial under another method's name. */
    TrialJob withMethod(String name) {
        return new TrialJob(study, purpose, task, controller, rates, optimizer, seed, epochs, trainSize, name);
    }

    @Override
    public String kind() {
        return "trial";
    }

    @Override
    public String label() {
        return String.format(Locale.ROOT, "%s %s %s seed %d", purpose, Jobs.taskName(task), method, seed);
    }

    /** The trial's finished record in {@code store}, if it is there. */
    public Optional<FinishedTrial> find(ResultStore store) {
        TaskSpec spec = StoredFiles.of(store).task(task);
        return finished(store, store.trials().like(planned(spec, config(spec))));
    }

    @Override
    public JobResult run(ResultStore store) {
        StoredFiles files = StoredFiles.of(store);
        TaskSpec spec = files.task(task);
        NewTrial planned = planned(spec, config(spec));
        List<TrialSummary> previous = store.trials().like(planned);
        Optional<FinishedTrial> done = finished(store, previous);
        if (done.isPresent()) {
            return line(done.get().curve().status(), " (done before)", done.get().seconds());
        }
        // The engine reads the stored files the controller names (a Ψ model) from their cached copies; the trial is
        // stored under the spec as the job names it, which does not depend on where a copy lies.
        TrialConfig config = controller == null ? config(spec) : config(spec, files.localize(controller));
        // Load before writing anything, so that missing data leaves the store as it was.
        DataSplit data = spec.load(trainSize == null ? 0 : trainSize, seed);
        Optional<StoredCheckpoint> resumable = store.checkpoints().resumable(previous);
        for (TrialSummary left : previous) {
            boolean resumed = resumable.isPresent() && resumable.get().trialId() == left.id();
            if (left.status() == TrialStatus.RUNNING && !resumed) {
                store.trials().finish(left.id(), TrialStatus.FAILED, null, TrialStore.INTERRUPTED, Double.NaN);
            }
        }
        TrialRecorder.Registered registered = TrialRecorder.register(store, spec, purpose, planned);
        if (resumable.isPresent()) {
            try (Trial trial = newTrial(config, data)) {
                Optional<Checkpoint> checkpoint = StoredTraining.restore(store, trial, resumable.get());
                if (checkpoint.isPresent()) {
                    TrialRecorder recorder = registered.resume(resumable.get().trialId());
                    double before = checkpoint.get().history().stream().mapToDouble(EpochResult::wallSeconds).sum();
                    String note = " (resumed after epoch " + resumable.get().epoch() + ")";
                    return train(recorder, trial, before, note);
                }
            }
        }
        try (Trial trial = newTrial(config, data)) {
            return train(registered.start(), trial, 0, "");
        }
    }

    private Trial newTrial(TrialConfig config, DataSplit data) {
        Trial trial = Trial.create(config, data);
        if (rates != null) {
            trial.useController(replayed());
        }
        return trial;
    }

    /** Trains the trial's remaining epochs as {@link StoredTraining} does, and says how it ended. */
    private JobResult train(TrialRecorder recorder, Trial trial, double secondsBefore, String note) {
        TrialOutcome outcome = StoredTraining.train(recorder, trial, TrialListener.NONE, secondsBefore);
        return line(outcome.status(), note, outcome.wallSeconds());
    }

    /** The controller as the store names it: the spec, or the replayed schedule's description. */
    private String description() {
        return controller != null ? controller : new RateSchedule(rates).toString();
    }

    private Controller replayed() {
        return new RateSchedule(rates).controller();
    }

    private TrialConfig config(TaskSpec spec) {
        return config(spec, controller);
    }

    /** The trial's configuration with {@code controllerSpec} for the job's controller spec. */
    private TrialConfig config(TaskSpec spec, String controllerSpec) {
        // A replayed schedule needs a real controller for the engine to start with; it is replaced before the
        // first step.
        Spec initial = controllerSpec != null ? Spec.parse(controllerSpec)
                : Spec.parse(ScheduleFamily.CONSTANT.spec(Point.rateText(rates.get(0)), epochs));
        return new TrialConfig(spec.model(), Spec.parse(optimizer), initial, spec.batchSize(), epochs, seed,
                TrialConfig.DEFAULT_LOSS_SMOOTHING, spec.evalEvery());
    }

    private NewTrial planned(TaskSpec spec, TrialConfig config) {
        return NewTrial.builder().study(study).task(spec.name()).controller(description()).optimizer(optimizer)
                .seed(seed).epochs(epochs).batchSize(config.batchSize()).trainSize(trainSize).host(TrialRecords.host())
                .configJson(TrialRecords.configJson(spec, config, trainSize,
                        Map.of("method", method, "controller", description())))
                .build();
    }

    private static Optional<FinishedTrial> finished(ResultStore store, List<TrialSummary> trials) {
        return trials.stream()
                .filter(t -> t.status() == TrialStatus.COMPLETED || t.status() == TrialStatus.DIVERGED)
                .findFirst()
                .map(t -> new FinishedTrial(
                        new TrialCurve(t.status(), store.epochs().of(t.id()), store.evaluations().of(t.id())),
                        t.wallSeconds()));
    }

    private JobResult line(TrialStatus status, String note, double seconds) {
        return JobResult.of(String.format(Locale.ROOT, "%s: %s, %.1f s%s", label(), status.word(), seconds, note));
    }
}
