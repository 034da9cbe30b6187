package dev.psi.app;

import dev.psi.core.Controllers;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.psi.PsiController;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.TrialStatus;
import dev.psi.core.spec.Spec;
import dev.psi.lab.record.StoredTraining;
import dev.psi.lab.record.TrialRecorder;
import dev.psi.lab.record.TrialRecords;
import dev.psi.store.NewTrial;
import dev.psi.store.ResultStore;
import dev.psi.store.StoreException;
import dev.psi.store.StoredCheckpoint;
import dev.psi.store.TrialStore;
import dev.psi.train.data.DataSplit;
import dev.psi.train.engine.Checkpoint;
import dev.psi.train.engine.Trial;
import dev.psi.train.engine.TrialConfig;
import dev.psi.train.engine.TrialListener;
import dev.psi.train.engine.TrialOutcome;
import dev.psi.train.optim.Optimizers;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code psi train}: one trial of one task with one controller, optimizer and seed, written to the store
 * epoch by epoch as it trains.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one task with one controller and optimizer; print a per-epoch table and store the trial.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--task", required = true, paramLabel = "TASK",
            description = "Built-in task (see 'psi tasks') or a task spec file (.yaml, .yml, .json).")
    private String task;

    @Option(names = "--controller", paramLabel = "SPEC",
            description = "Learning-rate controller, e.g. 'OneCycleLR(max_lr=0.3,epochs=10)' "
                    + "(default: Constant at the optimizer's default lr).")
    private String controller;

    @Mixin
    private TrainingOptions training;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Fixes data split, initialization and data order (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private ThreadsOption threads;

    @Mixin
    private StoreOption database;

    @Option(names = "--study", paramLabel = "NAME", description = "Record the trial as part of this study.")
    private String study;

    @Option(names = "--loss-smoothing", defaultValue = "0.98", paramLabel = "BETA",
            description = "β of the bias-corrected moving average of the batch loss that controllers see, in [0, 1) "
                    + "(default: ${DEFAULT-VALUE}, about the last 50 batches).")
    private double lossSmoothing;

    @Option(names = "--no-progress", description = "Do not draw the progress bar on stderr.")
    private boolean noProgress;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        String optimizer = training.optimizer;
        Integer epochs = training.sizes.epochs;
        Integer batchSize = training.sizes.batchSize;
        Integer trainSize = training.sizes.trainSize;
        training.sizes.check();
        threads.check();
        if (!(lossSmoothing >= 0 && lossSmoothing < 1)) {
            throw new IllegalArgumentException("--loss-smoothing must be in [0, 1), got " + lossSmoothing);
        }
        TaskSpec taskSpec = Tasks.resolve(task);
        Spec optimizerSpec = optimizer == null ? taskSpec.optimizer() : Spec.parse(optimizer);
        Optimizers.validate(optimizerSpec);
        Spec controllerSpec = controller == null
                ? Spec.parse("Constant(lr=" + Optimizers.defaultLearningRate(optimizerSpec) + ")")
                : Spec.parse(controller);
        int epochBudget = epochs == null ? taskSpec.epochs() : epochs;
        Controllers.create(controllerSpec, new ControllerContext(1, epochBudget));
        TrialConfig config = new TrialConfig(taskSpec.model(), optimizerSpec, controllerSpec,
                batchSize == null ? taskSpec.batchSize() : batchSize, epochBudget, seed, lossSmoothing, taskSpec.evalEvery());

        PrintWriter out = command.commandLine().getOut();
        try (ResultStore store = Stores.openForWriting(database.location)) {
            DataSplit data = taskSpec.load(trainSize == null ? 0 : trainSize, seed);
            threads.apply();
            Trial trial = Trial.create(config, data);
            try {
                NewTrial planned = NewTrial.builder().study(study).task(taskSpec.name())
                        .controller(controllerSpec.toString()).optimizer(optimizerSpec.toString()).seed(seed)
                        .epochs(config.epochs()).batchSize(config.batchSize()).trainSize(trainSize)
                        .host(TrialRecords.host())
                        .configJson(TrialRecords.configJson(taskSpec, config, trainSize,
                                Map.of("threads", Integer.toString(threads.count))))
                        .build();
                TrialRecorder.Registered registered = TrialRecorder.register(store, taskSpec, "train", planned);
                Optional<StoredCheckpoint> interrupted = interrupted(store, planned);
                Optional<Resumption> resumed = Optional.empty();
                if (interrupted.isPresent()) {
                    resumed = resume(store, registered, trial, interrupted.get());
                    if (resumed.isEmpty()) {
                        // The checkpoint did not fit and was abandoned: start afresh on a trial it never touched.
                        trial.close();
                        trial = Trial.create(config, data);
                    }
                }
                TrialRecorder recorder = resumed.isPresent() ? resumed.get().recorder() : registered.start();
                long trialId = recorder.trialId();
                out.printf(Locale.ROOT, "trial %d: %s on %s (%d train / %d val%s examples, %d parameters), %s, seed %d%n",
                        trialId, controllerSpec, taskSpec.name(), data.train().count(), data.validation().count(),
                        data.hasTest() ? " / " + data.test().count() + " test" : "", trial.parameterCount(),
                        optimizerSpec, seed);
                EpochTable table = new EpochTable(out);
                table.header();
                double secondsBefore = 0;
                if (resumed.isPresent()) {
                    for (EpochResult epoch : resumed.get().checkpoint().history()) {
                        table.row(epoch);
                        secondsBefore += epoch.wallSeconds();
                    }
                    out.printf(Locale.ROOT, "(resumed after epoch %d, from its checkpoint)%n",
                            resumed.get().checkpoint().nextEpoch() - 1);
                }
                TrialListener display = new TrialListener() {
                    @Override
                    public void onEpoch(EpochResult epoch) {
                        table.row(epoch);
                    }

                    @Override
                    public void onRecovery(Recovery recovery) {
                        table.recovery(recovery);
                    }
                };
                TrialOutcome outcome = train(recorder, trial, display, secondsBefore);
                summarize(out, trialId, outcome);
                if (trial.controller() instanceof PsiController psi && psi.fallbacks() > 0) {
                    out.printf(Locale.ROOT, "Psi kept its last safe rate %d time%s: a feature left the range the model "
                            + "was fitted on%n", psi.fallbacks(), psi.fallbacks() == 1 ? "" : "s");
                }
                return 0;
            } finally {
                trial.close();
            }
        }
    }

    /**
     * The checkpoint of the latest interrupted attempt of the same trial (same task, controller, optimizer, seed,
     * budget, batch and training size), if one left one. Attempts still running belong to a live process (those
     * of dead processes were marked interrupted when the store was opened) and are left alone.
     */
    private static Optional<StoredCheckpoint> interrupted(ResultStore store, NewTrial planned) {
        return store.checkpoints().resumable(store.trials().like(planned).stream()
                .filter(t -> t.status() == TrialStatus.FAILED && TrialStore.INTERRUPTED.equals(t.error()))
                .toList());
    }

    /** Restores {@code trial} to {@code stored} and marks that trial running again; empty if it did not fit. */
    private static Optional<Resumption> resume(ResultStore store, TrialRecorder.Registered registered, Trial trial,
            StoredCheckpoint stored) {
        Optional<Checkpoint> checkpoint = StoredTraining.restore(store, trial, stored);
        return checkpoint.map(restored -> new Resumption(registered.resume(stored.trialId()), restored));
    }

    /** An interrupted trial taken up again: its recorder, and the checkpoint it goes on from. */
    private record Resumption(TrialRecorder recorder, Checkpoint checkpoint) {
    }

    /**
     * Trains and stores the trial. Ctrl-C or {@code kill} (SIGINT, SIGTERM) ends the JVM through its shutdown
     * hooks: the hook marks the trial interrupted, so that it is not left {@code running}; its checkpoint
     * stays, and the same command run again resumes it.
     */
    private TrialOutcome train(TrialRecorder recorder, Trial trial, TrialListener display, double secondsBefore) {
        Thread onSignal = new Thread(() -> {
            try {
                recorder.interrupt();
            } catch (StoreException e) {
                System.err.println("psi train: " + e.getMessage());
            }
        }, "psi-train-interrupted");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            if (noProgress) {
                return StoredTraining.train(recorder, trial, display, secondsBefore);
            }
            try (ProgressListener progress = new ProgressListener(trial.stepsPerEpoch(), trial.config().epochs(),
                    display)) {
                return StoredTraining.train(recorder, trial, progress, secondsBefore);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already running the hook; nothing to undo.
            }
        }
    }

    private void summarize(PrintWriter out, long trialId, TrialOutcome outcome) {
        out.printf(Locale.ROOT, "status: %s%s%n", outcome.status().word(), outcome.divergedEpoch().isPresent()
                ? " (loss became NaN or infinite in epoch " + outcome.divergedEpoch().getAsInt() + ")" : "");
        outcome.epochs().stream()
                .filter(e -> !Double.isNaN(e.valAccuracy()))
                .max(Comparator.comparingDouble(EpochResult::valAccuracy))
                .ifPresent(best -> out.printf(Locale.ROOT, "best val accuracy: %.4f (epoch %d)%s%n", best.valAccuracy(),
                        best.epoch(), Double.isNaN(best.testAccuracy()) ? ""
                                : String.format(Locale.ROOT, "; test accuracy there: %.4f", best.testAccuracy())));
        if (!outcome.epochs().isEmpty()) {
            EpochResult last = outcome.epochs().get(outcome.epochs().size() - 1);
            out.printf(Locale.ROOT, "final val loss: %s, final train loss: %s%n", Decimals.of(last.valLoss(), 5),
                    Decimals.of(last.trainLoss(), 5));
        }
        if (!outcome.recoveries().isEmpty()) {
            out.printf(Locale.ROOT, "recoveries: %d (the trial rolled back to an epoch start)%n",
                    outcome.recoveries().size());
        }
        out.printf(Locale.ROOT, "wall time: %.1f s; stored as trial %d in %s%n", outcome.wallSeconds(), trialId,
                database.location);
        out.flush();
    }
}
