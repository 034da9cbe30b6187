package dev.psi.train.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.psi.core.Controllers;
import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.LossAverage;
import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.controller.TrainingState;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.TrialStatus;
import dev.psi.train.data.DataSplit;
import dev.psi.train.data.Examples;
import dev.psi.train.engine.Evaluator.Measured;
import dev.psi.train.engine.Evaluator.Validation;
import dev.psi.train.network.Networks;
import dev.psi.train.optim.Optimizer;
import dev.psi.train.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One training run of one model with one optimizer, controller and seed: the training loop of Psi.
 *
 * <p>Lifecycle: {@link #create} builds the model and optimizer and moves the data into tensors;
 * {@link #run} trains the remaining epochs (or {@link #trainEpoch} one at a time); {@link #checkpoint}
 * and {@link #restore} save and reset the full state between epochs; {@link #close} frees every tensor.
 *
 * <p>The loop is written by hand instead of using DJL's {@code Trainer} so that the controller is asked
 * for α before every step and sees the batch loss after it, and to keep per-step overhead low: every
 * step runs inside an {@link ai.djl.ndarray.NDScope} that frees all its intermediates at once, each batch
 * is one gather from the training tensor or a slice of the epoch's shuffled copy ({@link Batches}),
 * optimizers multiply by cached scalar tensors, a perceptron's loss and gradients are one call of a TorchScript
 * program instead of autograd ({@link ScriptedPerceptron}), and the only host synchronization per step is reading
 * the loss the controller needs anyway.
 *
 * <p>Its parts: {@link DataTensors} holds the data as tensors, {@link EpochOrder} orders each epoch,
 * {@link NetworkPasses} runs the network ({@link ScriptedPerceptron} or {@link AutogradPasses}),
 * {@link OptimizerStep} takes each step on the {@link Loss}, {@link Evaluator} measures on held-out data,
 * {@link RollBackPolicy} decides when an epoch is trained again, and {@link TorchRuntime} and
 * {@link TorchScriptProgram} make every direct call to libtorch.
 *
 * <p>A trial is confined to one thread, and DJL's PyTorch engine allows one gradient collector per JVM
 * at a time: run parallel trials in separate processes.
 */
public final class Trial implements AutoCloseable {

    /**
     * Examples of the fixed validation subset evaluated between epochs: the first ones of the validation
     * split. Enough that its accuracy moves in steps of 0.001; few enough that 8 evaluations cost about as
     * much as one more pass over 8000 examples per epoch.
     */
    public static final int VALIDATION_SUBSET = 1000;

    /** Evaluations on the subset per epoch that the default {@code eval_every} aims at, the epoch's end included. */
    private static final int EVALUATIONS_PER_EPOCH = 8;

    /** The system property that, set to {@code true}, makes every trial take its gradients from autograd. */
    public static final String AUTOGRAD_PROPERTY = "psi.autograd";

    private final TrialConfig config;
    private final Engine engine;
    private final NDManager manager;
    private final ModelParameters parameters;
    private final Optimizer optimizer;
    private final Loss loss;
    private final DataTensors data;
    private final Evaluator evaluator;
    private final int trainCount;
    private final int stepsPerEpoch;
    private final int evalEvery;
    private final SignalMeter signalMeter;
    private final OptimizerStep optimizerStep;
    /** How the network runs: a perceptron's program, or autograd and DJL's ops for any network. */
    private final NetworkPasses passes;

    private Controller controller;
    private LossAverage lossAverage;
    private int nextEpoch;
    private long steps;
    private List<EpochResult> history = new ArrayList<>();
    private final List<Recovery> recoveries = new ArrayList<>();
    private TrialStatus status = TrialStatus.RUNNING;
    private OptionalInt divergedEpoch = OptionalInt.empty();

    private Trial(TrialConfig config, DataSplit data) {
        this.config = config;
        this.engine = TorchRuntime.engine();
        Examples train = data.train();
        this.loss = Loss.forClasses(train.numClasses());
        this.trainCount = train.count();
        this.stepsPerEpoch = Math.max(1, (trainCount + config.batchSize() - 1) / config.batchSize());
        this.evalEvery = config.evalEvery() > 0 ? config.evalEvery() : defaultEvalEvery(stepsPerEpoch);
        Optimizers.validate(config.optimizer());
        // Fails fast on a bad spec or a schedule shorter than the run, before any tensor exists; rebuilt below
        // with the model's size.
        Controllers.create(config.controller(), new ControllerContext(stepsPerEpoch, config.epochs()))
                .checkCovers(config.epochs(), stepsPerEpoch);
        this.lossAverage = new LossAverage(config.lossSmoothing());
        this.manager = engine.newBaseManager();
        NetworkPasses networkPasses = null;
        DataTensors tensors = null;
        try {
            TorchRuntime.seed(config.seed());
            Block block = Networks.build(config.model(), train.featureShape(),
                    loss.classification() ? train.numClasses() : 1);
            block.initialize(manager, DataType.FLOAT32, DataTensors.batchShape(1, train.featureShape()));
            Optional<String> activation = scriptedActivation(config, ModelParameters.of(block).arrays());
            this.parameters = activation.isPresent()
                    ? ModelParameters.packed(block, manager) : ModelParameters.of(block);
            this.optimizer = Optimizers.create(config.optimizer(), manager);
            networkPasses = activation.isPresent()
                    ? ScriptedPerceptron.load(manager, parameters, activation.get(), loss)
                    : new AutogradPasses(manager, engine, Forward.of(block, new ParameterStore(manager, false)), loss,
                            parameters.arrays());
            this.passes = networkPasses;
            tensors = DataTensors.load(manager, data, loss, config.batchSize(), VALIDATION_SUBSET, !scripted());
            this.data = tensors;
            this.evaluator = new Evaluator(passes, loss, optimizer, parameters);
            this.signalMeter = new SignalMeter(manager, parameters.arrays());
            this.optimizerStep = new OptimizerStep(passes, parameters, optimizer, signalMeter);
            this.controller = Controllers.create(config.controller(), new ControllerContext(stepsPerEpoch,
                    config.epochs(), TaskFeatures.of(trainCount, parameterCount(), config.batchSize(),
                            config.optimizer())));
        } catch (RuntimeException e) {
            // Native values outside the manager hold references to its tensors: freed first.
            if (tensors != null) {
                tensors.train().close();
            }
            if (networkPasses != null) {
                networkPasses.close();
            }
            manager.close();
            throw e;
        }
    }

    /**
     * The activation of a perceptron whose gradients and evaluations come from a program, one native call each
     * ({@link ScriptedPerceptron}: the same numbers), and whose parameters are then {@link ModelParameters#packed
     * packed}; empty for other networks, and for every network when the system property {@value #AUTOGRAD_PROPERTY}
     * is {@code true} (to compare the two, e.g. {@code PSI_JAVA_OPTS=-Dpsi.autograd=true ./psi bench}). The program
     * turns TorchScript's graph optimization off in the threads that train the trial, for good
     * ({@link TorchRuntime#disableGraphOptimization}).
     */
    private Optional<String> scriptedActivation(TrialConfig config, List<NDArray> blockParameters) {
        if (Boolean.getBoolean(AUTOGRAD_PROPERTY)) {
            return Optional.empty();
        }
        return Networks.perceptronActivation(config.model())
                .filter(activation -> ScriptedPerceptron.accepts(manager, blockParameters, activation));
    }

    /** Builds the model and moves the data into tensors; nothing is trained yet. */
    public static Trial create(TrialConfig config, DataSplit data) {
        if (data.train().count() == 0) {
            throw new IllegalArgumentException("the training set is empty");
        }
        return new Trial(config, data);
    }

    public TrialConfig config() {
        return config;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Optimizer steps between evaluations on the fixed validation subset. */
    public int evalEvery() {
        return evalEvery;
    }

    /**
     * The {@code eval_every} of a task that gives none: about {@value #EVALUATIONS_PER_EPOCH} evaluations per
     * epoch, the whole-split pass at its end included, so that time to target moves in eighths of an epoch.
     */
    public static int defaultEvalEvery(int stepsPerEpoch) {
        return Math.max(1, (stepsPerEpoch + EVALUATIONS_PER_EPOCH - 1) / EVALUATIONS_PER_EPOCH);
    }

    /** Whether gradients and evaluations come from {@link ScriptedPerceptron}, not from autograd and DJL's ops. */
    boolean scripted() {
        return passes instanceof ScriptedPerceptron;
    }

    /** Whether batches are slices of each epoch's shuffled copy of the training set, not gathers ({@link Batches}). */
    boolean batchesAreSlices() {
        return data.train().copies();
    }

    /** Number of model parameters (weights and biases). */
    public long parameterCount() {
        return parameters.count();
    }

    /**
     * Replaces the controller from the next step on. Sampling and branching drive α themselves: a
     * random walk or an oracle candidate is a controller swapped in between epochs.
     */
    public void useController(Controller replacement) {
        controller = Objects.requireNonNull(replacement, "controller");
    }

    /** The controller in use; replaced by a copy on {@link #restore}. */
    public Controller controller() {
        return controller;
    }

    public TrialStatus status() {
        return status;
    }

    /** The epoch whose loss became NaN or infinite, once the trial diverged. */
    public OptionalInt divergedEpoch() {
        return divergedEpoch;
    }

    /** Finished epochs so far. */
    public List<EpochResult> history() {
        return List.copyOf(history);
    }

    /** Trains every remaining epoch of the budget, or until the loss diverges. */
    public TrialOutcome run(TrialListener listener) {
        long start = System.nanoTime();
        while (status == TrialStatus.RUNNING) {
            trainEpoch(listener);
        }
        return new TrialOutcome(status, divergedEpoch, history, recoveries, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Trains one epoch and validates. When a loss becomes NaN or infinite the attempt stops there; unless
     * the controller recovers (see {@link Controller#recoverFromDivergence()}), the trial's status
     * becomes {@code DIVERGED} and the returned result carries that loss.
     *
     * <p>A roll-back retries the epoch: the parameters and optimizer state go back to the epoch's start,
     * the controller keeps its own state (the reduced rate), and the epoch trains again with the same data
     * order. Only the accepted attempt becomes an epoch of the history; the steps and seconds of rejected
     * attempts are counted in it, since their compute was spent, so that time to target stays honest. When an
     * epoch is retried, and when a rejected attempt is kept instead, is {@link RollBackPolicy}'s to say.
     */
    public EpochResult trainEpoch(TrialListener listener) {
        if (status != TrialStatus.RUNNING) {
            throw new IllegalStateException("the trial has ended: " + status.word());
        }
        // A trial may train on any thread, and libtorch's grad mode is per thread (see there).
        TorchRuntime.disableGradMode();
        long start = System.nanoTime();
        evaluator.beginEpoch();
        int epoch = nextEpoch;
        Checkpoint epochStart = controller.mayRollBack() ? checkpoint() : null;
        RollBackPolicy policy = new RollBackPolicy(epochStart != null);
        while (true) {
            policy.beforeAttempt(controller);
            Attempt attempt = attempt(epoch, start, listener);
            EpochResult result = attempt.result();
            if (attempt.diverged()) {
                Optional<String> recovery = policy.afterDivergence(controller);
                if (recovery.isPresent()) {
                    rollBack(epochStart, epoch, recovery.get(), listener);
                    continue;
                }
                nextEpoch++;
                status = TrialStatus.DIVERGED;
                divergedEpoch = OptionalInt.of(epoch);
                return result;
            }
            controller.afterEpoch(new TrainingState(epoch, steps, stepsPerEpoch, config.epochs(), lossAverage.value(),
                    lossAverage.value(), result.trainLoss(), result.valLoss(), result.valAccuracy()));
            Optional<String> rejection = policy.afterEpoch(controller);
            if (rejection.isPresent()) {
                rollBack(epochStart, epoch, rejection.get(), listener);
                continue;
            }
            nextEpoch++;
            history.add(result);
            listener.onEvaluations(attempt.evaluations());
            listener.onEpoch(result);
            if (nextEpoch >= config.epochs()) {
                status = TrialStatus.COMPLETED;
            }
            return result;
        }
    }

    /**
     * One pass over the epoch's batches and, unless a loss diverged, its validation: on the fixed subset after
     * every {@code eval_every}-th step of the trial, except the epoch's last, and on the whole split at its end.
     * The evaluations draw no random numbers and leave the parameters and the optimizer as they were, so the
     * training is the same whatever {@code eval_every} is.
     *
     * @param start when the epoch's first attempt began: the result's seconds count every attempt
     */
    private Attempt attempt(int epoch, long start, TrialListener listener) {
        EpochResult last = history.isEmpty() ? null : history.get(history.size() - 1);
        List<Evaluation> evaluations = new ArrayList<>();
        double lossSum = 0;
        double lrSum = 0;
        int batches = 0;
        data.train().begin(EpochOrder.of(config.seed(), epoch, trainCount));
        for (int from = 0; from < trainCount; from += config.batchSize()) {
            int to = Math.min(trainCount, from + config.batchSize());
            OptimizerStep.Result step = optimizerStep.take(data.train(), from, to, controller, lossAverage,
                    batchLoss -> state(epoch, batchLoss, last));
            steps++;
            batches++;
            lossSum += step.loss();
            lrSum += step.learningRate();
            if (!Double.isFinite(step.loss())) {
                return new Attempt(new EpochResult(epoch, lrSum / batches, lossSum / batches, Double.NaN, Double.NaN,
                        steps, (System.nanoTime() - start) / 1e9), true, List.of());
            }
            TrainingState state = state(epoch, step.loss(), last);
            controller.afterStep(state);
            listener.onStep(state, step.learningRate());
            if (steps % evalEvery == 0 && to < trainCount) {
                evaluations.add(evaluation(data.subset(), epoch, batches, start).evaluation());
            }
        }
        Measured full = evaluation(data.validation(), epoch, batches, start);
        evaluations.add(full.evaluation());
        Validation validation = full.validation();
        // Left out of the epoch's seconds and, like every evaluation, of the training seconds of later evaluations.
        Validation test = evaluator.test(data.test());
        EpochResult result = new EpochResult(epoch, lrSum / batches, lossSum / batches, validation.loss(),
                validation.accuracy(), steps, (System.nanoTime() - start - evaluator.testNanos()) / 1e9, test.loss(),
                test.accuracy());
        return new Attempt(result, !Double.isFinite(validation.loss()), evaluations);
    }

    /** Validates on {@code part} after the attempt's {@code batches}-th step of {@code epoch}. */
    private Measured evaluation(HeldOut part, int epoch, int batches, long start) {
        return evaluator.measure(part, epoch, steps, epoch + (double) batches / stepsPerEpoch, start);
    }

    /** Roll-backs the controller asked for so far. */
    public List<Recovery> recoveries() {
        return List.copyOf(recoveries);
    }

    private void rollBack(Checkpoint epochStart, int epoch, String reason, TrialListener listener) {
        restoreModel(epochStart);
        Recovery recovery = new Recovery(epoch, steps, reason, controller.learningRate());
        recoveries.add(recovery);
        listener.onRecovery(recovery);
    }

    private TrainingState state(int epoch, double batchLoss, EpochResult last) {
        return new TrainingState(epoch, steps, stepsPerEpoch, config.epochs(), batchLoss, lossAverage.value(),
                last == null ? Double.NaN : last.trainLoss(), last == null ? Double.NaN : last.valLoss(),
                last == null ? Double.NaN : last.valAccuracy());
    }

    /** The full state between epochs, copied out of native memory. */
    public Checkpoint checkpoint() {
        return new Checkpoint(parameters.copies(), optimizerStep.optimizerState(), signalMeter.snapshot(), controller,
                lossAverage, nextEpoch, steps, history);
    }

    /**
     * Resets the trial to a checkpoint taken from this trial; training then continues from there.
     *
     * @throws IllegalArgumentException if the checkpoint's parameters do not fit this trial's model (another
     *     model or data shape); the trial is then left as it was
     */
    public void restore(Checkpoint checkpoint) {
        // Checked before anything is copied, so that a checkpoint that does not fit leaves a usable trial.
        parameters.checkFits(checkpoint.parameters());
        restoreModel(checkpoint);
        controller = checkpoint.controller().copy();
        nextEpoch = checkpoint.nextEpoch();
        steps = checkpoint.steps();
        history = new ArrayList<>(checkpoint.history());
        status = nextEpoch >= config.epochs() ? TrialStatus.COMPLETED : TrialStatus.RUNNING;
        divergedEpoch = OptionalInt.empty();
    }

    /** Parameters, optimizer state and step measurements; not the controller, the clock or the history. */
    private void restoreModel(Checkpoint checkpoint) {
        // The optimizer first: its state is checked before anything of it changes, and may not fit where the
        // parameters did (another optimizer spec); the parameters, already checked, cannot fail.
        optimizerStep.restoreOptimizer(checkpoint.optimizer());
        parameters.copyFrom(checkpoint.parameters());
        signalMeter.restore(checkpoint.signals());
        lossAverage = checkpoint.lossAverage().copy();
    }

    @Override
    public void close() {
        data.train().close();
        passes.close();
        signalMeter.close();
        optimizer.close();
        manager.close();
    }

    /**
     * One pass over an epoch: its result, whether a training or validation loss was not finite, and its
     * evaluations in step order (none when a training loss was not finite).
     */
    private record Attempt(EpochResult result, boolean diverged, List<Evaluation> evaluations) {
    }

}
