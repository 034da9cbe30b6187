package dev.psi.lab.search;

import dev.psi.core.Controllers;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.TrialStatus;
import dev.psi.core.spec.Spec;
import dev.psi.lab.record.TrialRecorder;
import dev.psi.lab.record.TrialRecords;
import dev.psi.store.NewTrial;
import dev.psi.store.ResultStore;
import dev.psi.train.data.DataSplit;
import dev.psi.train.engine.Trial;
import dev.psi.train.engine.TrialConfig;
import dev.psi.train.engine.TrialListener;
import dev.psi.train.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The real objective: every run is a seeded {@link Trial} of one task, stored in a study as
 * {@code psi train} stores a trial (its {@code trials} row, and an {@code epochs} row per finished epoch,
 * committed as it ends, with its evaluations). The metric is the validation accuracy, or the negated validation loss for a
 * regression task, so that higher is better either way.
 *
 * <p>Every run uses the same seed, hence the same data subset, initialization and data order: the
 * search compares learning rates, not luck. A run the search stops before its budget (successive halving and
 * Hyperband prune the worse part of each rung) is stored as {@code pruned}, without an error: it is an outcome
 * the search chose, and its epoch rows show how far it trained. A run whose epoch threw is stored as
 * {@code failed}, with the exception's message as its error.
 *
 * <p>Runs train on the calling thread, which must be the only one training in the JVM. Population-based
 * training keeps a whole population of trials open at once, each holding its model and data tensors.
 */
public final class TrialObjective implements Objective {

    /** Told of every trial as it ends. */
    @FunctionalInterface
    public interface Listener {

        /** A listener that ignores everything. */
        Listener NONE = trial -> {
        };

        /** After a trial's row is finished in the store. */
        void onTrial(StoredTrial trial);
    }

    /**
     * A trial as the search stored it.
     *
     * @param trialId its id in the store
     * @param controller its controller spec as stored
     * @param optimizer its optimizer spec
     * @param status how it ended; {@code pruned} when the search stopped it before its budget, {@code failed}
     *     when an epoch threw
     * @param epochs epochs it finished
     * @param bestMetric its best validation metric, −∞ if none
     * @param seconds wall-clock seconds from its start to its end
     */
    public record StoredTrial(long trialId, String controller, String optimizer, TrialStatus status, int epochs,
            double bestMetric, double seconds) {
    }

    private final ResultStore store;
    private final String study;
    private final TaskSpec task;
    private final int batchSize;
    private final OptionalInt trainSize;
    private final long seed;
    private final Map<String, String> extra;
    private final Listener listener;
    private DataSplit data;

    /**
     * @param store where the trials go
     * @param study the study they belong to, stored with purpose {@code search}
     * @param task the task
     * @param batchSize examples per step
     * @param trainSize a seeded training subset, or empty for all examples
     * @param seed the seed of every trial
     * @param extra added to every trial's config JSON, e.g. the strategy
     * @param listener told of every trial as it ends
     */
    public TrialObjective(ResultStore store, String study, TaskSpec task, int batchSize, OptionalInt trainSize,
            long seed, Map<String, String> extra, Listener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.study = Objects.requireNonNull(study, "study");
        this.task = Objects.requireNonNull(task, "task");
        this.batchSize = batchSize;
        this.trainSize = Objects.requireNonNull(trainSize, "trainSize");
        this.seed = seed;
        this.extra = Map.copyOf(extra);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Loads the task's data, once; call it before the search to fail on missing data before anything is
     * stored.
     *
     * @throws dev.psi.train.data.DataException if the data is missing or malformed
     */
    public DataSplit data() {
        if (data == null) {
            data = task.load(trainSize.orElse(0), seed);
        }
        return data;
    }

    @Override
    public Run start(Point point, int epochs) {
        String controller = point.controller(epochs);
        TrialConfig config = new TrialConfig(task.model(), point.optimizer(), Spec.parse(controller), batchSize,
                epochs, seed, TrialConfig.DEFAULT_LOSS_SMOOTHING, task.evalEvery());
        DataSplit split = data();
        Integer subset = trainSize.isPresent() ? trainSize.getAsInt() : null;
        NewTrial planned = NewTrial.builder().study(study).task(task.name()).controller(controller)
                .optimizer(point.optimizer().toString()).seed(seed).epochs(epochs).batchSize(batchSize)
                .trainSize(subset).host(TrialRecords.host())
                .configJson(TrialRecords.configJson(task, config, subset, extra)).build();
        TrialRecorder.Registered registered = TrialRecorder.register(store, task, "search", planned);
        Trial trial = Trial.create(config, split);
        try {
            return new TrialRun(trial, registered.start(), controller);
        } catch (RuntimeException e) {
            trial.close();
            throw e;
        }
    }

    /** One stored trial: trains through the engine and writes each finished epoch. */
    private final class TrialRun implements Run, TrialListener {

        private final Trial trial;
        private final TrialRecorder recorder;
        private final String controller;
        private final long startNanos = System.nanoTime();
        private double bestMetric = Double.NEGATIVE_INFINITY;
        /** The evaluations of the run's state, in step order: after an exploit, the donor's, then its own. */
        private List<Evaluation> evaluations = new ArrayList<>();
        /** What an epoch threw, if one did; the run is then closed, budget left, as the exception unwinds. */
        private RuntimeException failure;

        private TrialRun(Trial trial, TrialRecorder recorder, String controller) {
            this.trial = trial;
            this.recorder = recorder;
            this.controller = controller;
        }

        @Override
        public boolean running() {
            return trial.status() == TrialStatus.RUNNING;
        }

        @Override
        public int epochsDone() {
            return trial.history().size();
        }

        @Override
        public double trainEpoch() {
            EpochResult epoch;
            try {
                epoch = trial.trainEpoch(this);
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            if (trial.status() == TrialStatus.DIVERGED) {
                return Double.NaN;
            }
            double metric = Double.isNaN(epoch.valAccuracy()) ? -epoch.valLoss() : epoch.valAccuracy();
            if (Double.isFinite(metric)) {
                bestMetric = Math.max(bestMetric, metric);
            }
            return metric;
        }

        @Override
        public double trainEpoch(double lr) {
            trial.useController(Controllers.create("Constant(lr=" + Point.rateText(lr) + ")",
                    new ControllerContext(trial.stepsPerEpoch(), trial.config().epochs())));
            return trainEpoch();
        }

        @Override
        public void copyFrom(Run donor) {
            // Checkpoints are plain copies of tensors and optimizer state: one trial's restores into another
            // of the same model and optimizer.
            TrialRun source = (TrialRun) donor;
            trial.restore(source.trial.checkpoint());
            evaluations = new ArrayList<>(source.evaluations);
        }

        @Override
        public TrialCurve curve() {
            return new TrialCurve(trial.status(), trial.history(), evaluations);
        }

        @Override
        public void onEvaluations(List<Evaluation> taken) {
            recorder.onEvaluations(taken);
            evaluations.addAll(taken);
        }

        @Override
        public void onEpoch(EpochResult epoch) {
            recorder.onEpoch(epoch);
        }

        @Override
        public void onRecovery(Recovery recovery) {
            recorder.onRecovery(recovery);
        }

        @Override
        public void close() {
            try {
                TrialStatus status = outcome();
                int epochs = trial.history().size();
                double seconds = (System.nanoTime() - startNanos) / 1e9;
                String error = failure == null ? null : String.valueOf(failure.getMessage());
                recorder.finish(status, epochs, error, seconds);
                listener.onTrial(new StoredTrial(recorder.trialId(), controller, trial.config().optimizer().toString(),
                        status, epochs, bestMetric, seconds));
            } finally {
                trial.close();
            }
        }

        /**
         * How the run ended: as the engine says once it completed or diverged; otherwise closed with budget left,
         * which is an error if an epoch threw and else the search's choice (see {@link Run#close()}).
         */
        private TrialStatus outcome() {
            if (failure != null) {
                return TrialStatus.FAILED;
            }
            return trial.status() == TrialStatus.RUNNING ? TrialStatus.PRUNED : trial.status();
        }
    }
}
