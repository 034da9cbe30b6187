package dev.psi.train.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.psi.core.Controllers;
import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.LossAverage;
import dev.psi.core.controller.Signal;
import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.controller.TrainingState;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.TrialStatus;
import dev.psi.train.data.DataSplit;
import dev.psi.train.data.Examples;
import dev.psi.train.model.Models;
import dev.psi.train.optim.Optimizer;
import dev.psi.train.optim.Optimizers;
import dev.psi.train.optim.TensorCopy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One training run of one model with one optimizer, controller and seed: the training loop of Psi.
 *
 * <p>Lifecycle: {@link #create} builds the model and optimizer and moves the data into tensors;
 * {@link #run} trains the remaining epochs (or {@link #trainEpoch} one at a time); {@link #checkpoint}
 * and {@link #restore} save and reset the full state between epochs; {@link #close} frees every tensor.
 *
 * <p>The loop is written by hand instead of using DJL's {@code Trainer} so that the controller is asked
 * for α before every step and sees the batch loss after it, and to keep per-step overhead low: every
 * step runs inside an {@link NDScope} that frees all its intermediates at once, each batch is one gather
 * from the training tensor or a slice of the epoch's shuffled copy ({@link Batches}), optimizers multiply by
 * cached scalar tensors, and the only host synchronization per step is reading the loss the controller
 * needs anyway.
 *
 * <p>A trial is confined to one thread, and DJL's PyTorch engine allows one gradient collector per JVM
 * at a time: run parallel trials in separate processes.
 */
public final class Trial implements AutoCloseable {

    private static final int EVAL_BATCH = 2048;

    /**
     * Examples of the fixed validation subset evaluated between epochs: the first ones of the validation
     * split. Enough that its accuracy moves in steps of 0.001; few enough that 8 evaluations cost about as
     * much as one more pass over 8000 examples per epoch.
     */
    public static final int VALIDATION_SUBSET = 1000;

    /** Evaluations on the subset per epoch that the default {@code eval_every} aims at, the epoch's end included. */
    private static final int EVALUATIONS_PER_EPOCH = 8;

    /**
     * Retries of one epoch after roll-backs: enough for any sensible recovery budget, few enough that a
     * controller rejecting every attempt cannot hold the trial in one epoch.
     */
    public static final int MAX_RETRIES = 20;

    private final TrialConfig config;
    private final Engine engine;
    private final NDManager manager;
    private final Block block;
    private final List<Parameter> parameters;
    private final ParameterStore parameterStore;
    private final Optimizer optimizer;
    private final boolean classification;
    private final Batches batchSource;
    private final NDArray valFeatures;
    private final NDArray valTargets;
    /** The test part, or {@code null} when the task has none. */
    private final NDArray testFeatures;
    private final NDArray testTargets;
    private final NDArray subsetFeatures;
    private final NDArray subsetTargets;
    private final int trainCount;
    private final int stepsPerEpoch;
    private final int evalEvery;
    private final SignalMeter signalMeter;
    /** The seed of every backward pass, d loss / d loss = 1: made once, not once per step. */
    private final NDArray one;

    private Controller controller;
    private LossAverage lossAverage;
    private int nextEpoch;
    private long steps;
    private List<EpochResult> history = new ArrayList<>();
    private final List<Recovery> recoveries = new ArrayList<>();
    private TrialStatus status = TrialStatus.RUNNING;
    private OptionalInt divergedEpoch = OptionalInt.empty();
    /** Wall time of the evaluations of the epoch in training, all its attempts: left out of training seconds. */
    private long evaluationNanos;
    /** Time of the current epoch's test passes, every attempt's: only reported, so left out of its seconds. */
    private long testNanos;

    private Trial(TrialConfig config, DataSplit data) {
        this.config = config;
        this.engine = TorchRuntime.engine();
        Examples train = data.train();
        this.classification = train.numClasses() > 0;
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
        try {
            TorchRuntime.seed(config.seed());
            this.block = Models.build(config.model(), train.featureShape(), classification ? train.numClasses() : 1);
            this.block.initialize(manager, DataType.FLOAT32, batchShape(1, train.featureShape()));
            this.parameters = new ArrayList<>(block.getParameters().values());
            this.parameterStore = new ParameterStore(manager, false);
            this.optimizer = Optimizers.create(config.optimizer(), manager);
            this.batchSource = new Batches(manager, features(train), targets(train), config.batchSize());
            this.valFeatures = features(data.validation());
            this.valTargets = targets(data.validation());
            this.testFeatures = data.hasTest() ? features(data.test()) : null;
            this.testTargets = data.hasTest() ? targets(data.test()) : null;
            NDIndex subset = new NDIndex().addSliceDim(0, Math.min(VALIDATION_SUBSET, data.validation().count()));
            this.subsetFeatures = valFeatures.get(subset);
            this.subsetTargets = valTargets.get(subset);
            this.signalMeter = new SignalMeter(manager, weights());
            this.one = manager.ones(new Shape(), DataType.FLOAT32);
            this.controller = Controllers.create(config.controller(), new ControllerContext(stepsPerEpoch,
                    config.epochs(), new TaskFeatures(trainCount, parameterCount(), config.batchSize(),
                            config.optimizer().name())));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
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

    /** Number of model parameters (weights and biases). */
    public long parameterCount() {
        long count = 0;
        for (Parameter parameter : parameters) {
            count += parameter.getArray().size();
        }
        return count;
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
     * attempts are counted in it, since their compute was spent, so that time to target stays honest. An
     * epoch is retried at most {@value #MAX_RETRIES} times, and a rejected one only when the controller
     * changed its rate (else the retry would repeat the attempt exactly): otherwise a rejected attempt is kept
     * and a diverged one ends the trial.
     */
    public EpochResult trainEpoch(TrialListener listener) {
        if (status != TrialStatus.RUNNING) {
            throw new IllegalStateException("the trial has ended: " + status.word());
        }
        // Grad mode is per thread in libtorch and on by default; DJL turns it off only in the thread that
        // loaded the engine, and its gradient collector restores the previous mode on close. A trial trained
        // on any other thread would then update its weights in place with grad mode on, which PyTorch refuses.
        JniUtils.setGradMode(false);
        long start = System.nanoTime();
        evaluationNanos = 0;
        testNanos = 0;
        int epoch = nextEpoch;
        Checkpoint epochStart = controller.mayRollBack() ? checkpoint() : null;
        for (int retries = 0; ; retries++) {
            boolean mayRetry = epochStart != null && retries < MAX_RETRIES;
            double rate = controller.learningRate();
            Attempt attempt = attempt(epoch, start, listener);
            EpochResult result = attempt.result();
            if (attempt.diverged()) {
                if (mayRetry && controller.recoverFromDivergence()) {
                    rollBack(epochStart, epoch, Recovery.DIVERGED, listener);
                    continue;
                }
                nextEpoch++;
                status = TrialStatus.DIVERGED;
                divergedEpoch = OptionalInt.of(epoch);
                return result;
            }
            controller.afterEpoch(new TrainingState(epoch, steps, stepsPerEpoch, config.epochs(), lossAverage.value(),
                    lossAverage.value(), result.trainLoss(), result.valLoss(), result.valAccuracy()));
            // Asked every epoch, so that a controller can keep its bookkeeping, even when no retry is left.
            boolean rejected = controller.rollBack();
            // From the same start, on the same batches, at the same rate, a retry would repeat the attempt exactly
            // (a bold driver clamped at min_lr): keep it instead.
            if (mayRetry && rejected && controller.learningRate() != rate) {
                rollBack(epochStart, epoch, Recovery.REJECTED, listener);
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
        batchSource.begin(shuffle(epoch));
        for (int from = 0; from < trainCount; from += config.batchSize()) {
            int to = Math.min(trainCount, from + config.batchSize());
            StepResult step = step(from, to, epoch, last);
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
                evaluations.add(evaluation(epoch, batches, subsetFeatures, subsetTargets, start).evaluation());
            }
        }
        Measured full = evaluation(epoch, batches, valFeatures, valTargets, start);
        evaluations.add(full.evaluation());
        Validation validation = full.validation();
        // The test pass is only reported, not part of what the method spent: its time is left out of the epoch's
        // seconds and, like every evaluation, out of the training seconds of later evaluations.
        long testStart = System.nanoTime();
        Validation test = testFeatures == null ? new Validation(Double.NaN, Double.NaN)
                : validate(testFeatures, testTargets);
        testNanos += System.nanoTime() - testStart;
        evaluationNanos += System.nanoTime() - testStart;
        EpochResult result = new EpochResult(epoch, lrSum / batches, lossSum / batches, validation.loss(),
                validation.accuracy(), steps, (System.nanoTime() - start - testNanos) / 1e9, test.loss(),
                test.accuracy());
        return new Attempt(result, !Double.isFinite(validation.loss()), evaluations);
    }

    /**
     * Validates on {@code features} after the attempt's {@code batches}-th step, timing it so that the training
     * seconds of this and later evaluations of the epoch leave it out.
     */
    private Measured evaluation(int epoch, int batches, NDArray features, NDArray targets, long start) {
        long begin = System.nanoTime();
        double trainSeconds = (begin - start - evaluationNanos) / 1e9;
        Validation validation = validate(features, targets);
        evaluationNanos += System.nanoTime() - begin;
        return new Measured(new Evaluation(epoch, steps, epoch + (double) batches / stepsPerEpoch, validation.loss(),
                validation.accuracy(), Math.toIntExact(features.getShape().get(0)), trainSeconds), validation);
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
        List<TensorCopy> copies = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            copies.add(TensorCopy.of(parameter.getArray()));
        }
        return new Checkpoint(copies, optimizer.snapshot(), signalMeter.snapshot(), controller, lossAverage, nextEpoch,
                steps, history);
    }

    /**
     * Resets the trial to a checkpoint taken from this trial; training then continues from there.
     *
     * @throws IllegalArgumentException if the checkpoint's parameters do not fit this trial's model (another
     *     model or data shape); the trial is then left as it was
     */
    public void restore(Checkpoint checkpoint) {
        // Checked before anything is copied, so that a checkpoint that does not fit leaves a usable trial.
        if (checkpoint.parameters().size() != parameters.size()) {
            throw new IllegalArgumentException("the checkpoint has " + checkpoint.parameters().size()
                    + " parameter tensors, the model " + parameters.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            long[] expected = parameters.get(i).getArray().getShape().getShape();
            if (!Arrays.equals(checkpoint.parameters().get(i).shape(), expected)) {
                throw new IllegalArgumentException("checkpoint parameter " + i + " has shape "
                        + Arrays.toString(checkpoint.parameters().get(i).shape()) + ", the model "
                        + Arrays.toString(expected));
            }
        }
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
        for (int i = 0; i < parameters.size(); i++) {
            checkpoint.parameters().get(i).copyInto(parameters.get(i).getArray());
        }
        optimizer.restore(checkpoint.optimizer());
        signalMeter.restore(checkpoint.signals());
        lossAverage = checkpoint.lossAverage().copy();
    }

    @Override
    public void close() {
        batchSource.close();
        signalMeter.close();
        optimizer.close();
        manager.close();
    }

    /**
     * One optimizer step on the examples at positions [from, to) of the epoch's order; returns the batch loss and
     * the learning rate used. The controller sees the batch loss (and the signals it asked for) before it sets α,
     * so that step sizes computed from the current batch (Polyak, L4) are possible.
     *
     * <p>The batch is a gather from the training tensors or a slice of the epoch's shuffled copy, whichever
     * costs less for the data's size ({@link Batches}).
     */
    private StepResult step(int from, int to, int epoch, EpochResult last) {
        try (NDScope scope = new NDScope()) {
            NDArray x = batchSource.features(from, to);
            NDArray y = batchSource.targets(from, to);
            double loss;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray output = block.forward(parameterStore, new NDList(x), true).singletonOrThrow();
                NDArray lossArray = loss(output, y);
                // What collector.backward(loss) does, with a seed gradient made once instead of every step.
                JniUtils.backward((PtNDArray) lossArray, (PtNDArray) one, false, false);
                // Its only element, read without getFloat()'s extra indexing op (2.6 µs against 0.5).
                loss = lossArray.toFloatArray()[0];
            }
            List<NDArray> weights = weights();
            double lr = Double.NaN;
            if (Double.isFinite(loss)) {
                List<NDArray> gradients = new ArrayList<>(weights.size());
                for (NDArray weight : weights) {
                    gradients.add(weight.getGradient());
                }
                lossAverage.add(loss);
                List<NDArray> directions = optimizer.directions(weights, gradients);
                Set<Signal> wanted = controller.signals();
                controller.beforeUpdate(state(epoch, loss, last),
                        signalMeter.measure(wanted, weights, gradients, directions));
                lr = controller.learningRate();
                optimizer.apply(weights, directions, lr);
                signalMeter.remember(wanted, directions);
            } else {
                lr = controller.learningRate();
            }
            for (NDArray weight : weights) {
                // PyTorch accumulates gradients across backward calls, and DJL's collector does not
                // reset them: zero them as optimizer.zero_grad() would.
                JniUtils.zeroGrad((PtNDArray) weight);
            }
            return new StepResult(loss, lr);
        }
    }

    private List<NDArray> weights() {
        List<NDArray> weights = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            weights.add(parameter.getArray());
        }
        return weights;
    }

    /**
     * Mean loss and accuracy on {@code features} (accuracy NaN for regression), at the parameters the optimizer
     * says to evaluate (Schedule-Free's averaged iterate; the training parameters otherwise).
     */
    private Validation validate(NDArray features, NDArray targets) {
        List<NDArray> weights = weights();
        optimizer.beginEvaluation(weights);
        try {
            return evaluate(features, targets);
        } finally {
            optimizer.endEvaluation(weights);
        }
    }

    private Validation evaluate(NDArray features, NDArray targets) {
        double lossSum = 0;
        long correct = 0;
        long count = features.getShape().get(0);
        for (long from = 0; from < count; from += EVAL_BATCH) {
            try (NDScope scope = new NDScope()) {
                NDIndex rows = new NDIndex().addSliceDim(from, Math.min(count, from + EVAL_BATCH));
                NDArray x = features.get(rows);
                NDArray y = targets.get(rows);
                NDArray output = block.forward(parameterStore, new NDList(x), false).singletonOrThrow();
                lossSum += loss(output, y).toFloatArray()[0] * x.getShape().get(0);
                if (classification) {
                    correct += output.argMax(1).eq(y.reshape(-1)).sum().toLongArray()[0];
                }
            }
        }
        if (count == 0) {
            return new Validation(Double.NaN, Double.NaN);
        }
        return new Validation(lossSum / count, classification ? (double) correct / count : Double.NaN);
    }

    /**
     * Cross-entropy of the logits for classification (as {@code nn.CrossEntropyLoss}), mean squared error
     * ({@code nn.MSELoss}) for regression.
     */
    private NDArray loss(NDArray output, NDArray targets) {
        if (classification) {
            return output.logSoftmax(1).gather(targets, 1).mean().neg();
        }
        return output.reshape(-1).sub(targets).square().mean();
    }

    /**
     * The order of the training examples in {@code epoch}: a Fisher–Yates shuffle seeded by (seed, epoch),
     * so that a trial restored to any epoch sees the same order as one that never stopped.
     */
    private long[] shuffle(int epoch) {
        // SplittableRandom mixes its seed (MurmurHash3's finalizer), so nearby seeds give unrelated streams.
        SplittableRandom random = new SplittableRandom(config.seed() ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
        long[] order = new long[trainCount];
        for (int i = 0; i < trainCount; i++) {
            order[i] = i;
        }
        for (int i = trainCount - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private NDArray features(Examples examples) {
        return manager.create(examples.features(), batchShape(examples.count(), examples.featureShape()));
    }

    private NDArray targets(Examples examples) {
        NDArray targets = manager.create(examples.targets());
        if (!classification) {
            return targets;
        }
        // Class indices as an [n, 1] column, the shape gather() needs to pick each row's log-probability.
        NDArray labels = targets.toType(DataType.INT64, false).reshape(-1, 1);
        targets.close();
        return labels;
    }

    private static Shape batchShape(long count, long[] featureShape) {
        long[] dims = new long[featureShape.length + 1];
        dims[0] = count;
        System.arraycopy(featureShape, 0, dims, 1, featureShape.length);
        return new Shape(dims);
    }

    /**
     * One pass over an epoch: its result, whether a training or validation loss was not finite, and its
     * evaluations in step order (none when a training loss was not finite).
     */
    private record Attempt(EpochResult result, boolean diverged, List<Evaluation> evaluations) {
    }

    /** An evaluation as stored, and the validation it measured. */
    private record Measured(Evaluation evaluation, Validation validation) {
    }

    /** What one optimizer step measured: the batch loss and the learning rate it was taken with. */
    private record StepResult(double loss, double learningRate) {
    }

    /** Mean loss and accuracy on one held-out part ({@code NaN} accuracy for regression). */
    private record Validation(double loss, double accuracy) {
    }

}
