package dev.psi.lab.study;

import dev.psi.core.controller.Controller;
import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.TrialStatus;
import dev.psi.core.spec.Spec;
import dev.psi.lab.record.TrialRecords;
import dev.psi.store.NewTrial;
import dev.psi.store.ResultStore;
import dev.psi.store.TrialSummary;
import dev.psi.train.data.DataSplit;
import dev.psi.train.engine.Trial;
import dev.psi.train.engine.TrialConfig;
import dev.psi.train.engine.TrialListener;
import dev.psi.train.engine.TrialOutcome;
import dev.psi.train.task.TaskSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Runs single trials of a study, stored as {@code psi train} stores them, and skips those the store
 * already holds finished: a completed or diverged trial of the same study, task, controller, optimizer,
 * seed, budget, batch size and training size ({@link ResultStore#trialsLike}) is read back instead of
 * trained. One left {@code running} by a killed process is marked failed ({@code interrupted}) and
 * trained again.
 */
final class EvaluationRuns {

    /**
     * One trial as the study needs it.
     *
     * @param curve its status and epochs
     * @param skipped whether it was found finished in the store
     * @param seconds its wall-clock seconds, as stored
     */
    record Run(TrialCurve curve, boolean skipped, double seconds) {
    }

    private final ResultStore store;
    private final String study;
    private final String purpose;
    private final OptionalInt trainSize;

    EvaluationRuns(ResultStore store, String study, String purpose, OptionalInt trainSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.study = Objects.requireNonNull(study, "study");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.trainSize = Objects.requireNonNull(trainSize, "trainSize");
    }

    /**
     * Runs (or finds) one trial of {@code task} with a controller given by its spec.
     *
     * @param method the method's name, added to the trial's config JSON
     */
    Run run(TaskSpec task, Spec controller, Spec optimizer, long seed, int epochs, String method) {
        return run(task, controller.toString(), controller, Optional.empty(), optimizer, seed, epochs, method);
    }

    /**
     * Runs (or finds) one trial whose controller has no spec, such as a replayed PBT schedule: it starts
     * with {@code initial} and trains with {@code controller} from its first step; {@code description}
     * names it in the store.
     */
    Run run(TaskSpec task, String description, Spec initial, Supplier<Controller> controller, Spec optimizer,
            long seed, int epochs, String method) {
        return run(task, description, initial, Optional.of(controller), optimizer, seed, epochs, method);
    }

    private Run run(TaskSpec task, String description, Spec initial, Optional<Supplier<Controller>> replacement,
            Spec optimizer, long seed, int epochs, String method) {
        TrialConfig config = new TrialConfig(task.model(), optimizer, initial, task.batchSize(), epochs, seed,
                TrialConfig.DEFAULT_LOSS_SMOOTHING);
        Integer subset = trainSize.isPresent() ? trainSize.getAsInt() : null;
        NewTrial planned = new NewTrial(study, task.name(), description, optimizer.toString(), seed, epochs,
                config.batchSize(), subset, TrialRecords.host(), TrialRecords.configJson(task, config, subset,
                        Map.of("method", method, "controller", description)));
        List<TrialSummary> previous = store.trialsLike(planned);
        for (TrialSummary done : previous) {
            if (done.status() == TrialStatus.COMPLETED || done.status() == TrialStatus.DIVERGED) {
                return new Run(new TrialCurve(done.status(), store.epochs(done.id())), true, done.wallSeconds());
            }
        }
        // Load before writing anything, so that missing data leaves the store as it was.
        DataSplit data = task.load(trainSize.orElse(0), seed);
        for (TrialSummary left : previous) {
            if (left.status() == TrialStatus.RUNNING) {
                store.finishTrial(left.id(), TrialStatus.FAILED, null, "interrupted", Double.NaN);
            }
        }
        store.ensureStudy(study, purpose);
        store.ensureTask(task.name(), TrialRecords.taskJson(task));
        try (Trial trial = Trial.create(config, data)) {
            replacement.ifPresent(supplier -> trial.useController(supplier.get()));
            long trialId = store.startTrial(planned);
            TrialOutcome outcome;
            try {
                outcome = trial.run(new TrialListener() {
                    @Override
                    public void onEpoch(EpochResult epoch) {
                        store.recordEpoch(trialId, epoch);
                    }

                    @Override
                    public void onRecovery(Recovery recovery) {
                        store.recordRecovery(trialId, recovery);
                    }
                });
            } catch (RuntimeException e) {
                store.finishTrial(trialId, TrialStatus.FAILED, null, String.valueOf(e.getMessage()), 0);
                throw e;
            }
            store.finishTrial(trialId, outcome.status(), outcome.divergedEpoch().isPresent()
                    ? outcome.divergedEpoch().getAsInt() : null, null, outcome.wallSeconds());
            return new Run(new TrialCurve(outcome.status(), outcome.epochs()), false, outcome.wallSeconds());
        }
    }
}
