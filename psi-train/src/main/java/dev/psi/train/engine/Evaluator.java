package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import dev.psi.core.result.Evaluation;
import dev.psi.train.optim.Optimizer;
import java.util.List;
import java.util.Optional;

/**
 * Measures a trial's network on held-out data between optimizer steps, and keeps the clock of the epoch's
 * evaluations so that training seconds leave them out.
 *
 * <p>An evaluation draws no random numbers and leaves the parameters and the optimizer as they were (it runs
 * at the parameters the optimizer says to evaluate, Schedule-Free's averaged iterate, and puts them back), so
 * the training is the same whatever is evaluated and how often.
 *
 * <p>Clock: {@link #beginEpoch} at an epoch's start (once for all its attempts); every {@link #measure} and
 * {@link #test} after it is timed, and {@link #evaluationNanos}/{@link #testNanos} say how long they took.
 */
final class Evaluator {

    /** Examples per forward pass: large enough to amortize per-op overhead, small enough to bound memory. */
    private static final int BATCH = 2048;

    private final NetworkPasses passes;
    private final Loss loss;
    private final Optimizer optimizer;
    private final ModelParameters parameters;
    /** Wall time of the evaluations of the epoch in training, all its attempts: left out of training seconds. */
    private long evaluationNanos;
    /** Time of the current epoch's test passes, every attempt's: only reported, so left out of its seconds. */
    private long testNanos;

    /** Measures the network {@code passes} runs, trained on {@code loss}, at the parameters {@code optimizer} says. */
    Evaluator(NetworkPasses passes, Loss loss, Optimizer optimizer, ModelParameters parameters) {
        this.passes = passes;
        this.loss = loss;
        this.optimizer = optimizer;
        this.parameters = parameters;
    }

    /** Restarts the clock for a new epoch. */
    void beginEpoch() {
        evaluationNanos = 0;
        testNanos = 0;
    }

    /**
     * Validates on {@code part} at a point of the epoch that began at {@code epochStart} ({@link System#nanoTime}),
     * timing it so that the training seconds of this and later evaluations of the epoch leave it out.
     *
     * @param epochs the point in epochs, e.g. 2.25 after a quarter of epoch 2
     */
    Measured measure(HeldOut part, int epoch, long step, double epochs, long epochStart) {
        long begin = System.nanoTime();
        double trainSeconds = (begin - epochStart - evaluationNanos) / 1e9;
        Validation validation = validate(part);
        evaluationNanos += System.nanoTime() - begin;
        return new Measured(new Evaluation(epoch, step, epochs, validation.loss(), validation.accuracy(),
                Math.toIntExact(part.count()), trainSeconds), validation);
    }

    /**
     * The test pass of an epoch ({@link Validation#NONE} when the task has no test split). It is only reported,
     * not part of what the method spent: its time counts in {@link #testNanos} and {@link #evaluationNanos}.
     */
    Validation test(Optional<HeldOut> test) {
        long begin = System.nanoTime();
        Validation validation = test.isEmpty() ? Validation.NONE : validate(test.get());
        testNanos += System.nanoTime() - begin;
        evaluationNanos += System.nanoTime() - begin;
        return validation;
    }

    /** Time of the epoch's test passes so far. */
    long testNanos() {
        return testNanos;
    }

    /** Mean loss and accuracy on {@code part}, at the parameters the optimizer says to evaluate. */
    private Validation validate(HeldOut part) {
        List<NDArray> weights = parameters.arrays();
        optimizer.beginEvaluation(weights);
        try {
            return evaluate(part.features(), part.targets());
        } finally {
            optimizer.endEvaluation(weights);
        }
    }

    private Validation evaluate(NDArray features, NDArray targets) {
        double lossSum = 0;
        long correct = 0;
        long count = features.getShape().get(0);
        for (long from = 0; from < count; from += BATCH) {
            try (NDScope scope = new NDScope()) {
                long to = Math.min(count, from + BATCH);
                NDIndex rows = new NDIndex().addSliceDim(from, to);
                double[] measured = passes.evaluate(features.get(rows), targets.get(rows));
                // The float32 mean times the count, in float as it always was, then summed in double.
                lossSum += (float) measured[0] * (to - from);
                if (loss.classification()) {
                    correct += (long) measured[1];
                }
            }
        }
        if (count == 0) {
            return Validation.NONE;
        }
        return new Validation(lossSum / count, loss.classification() ? (double) correct / count : Double.NaN);
    }

    /** Mean loss and accuracy on one held-out part ({@code NaN} accuracy for regression). */
    record Validation(double loss, double accuracy) {

        /** No measurement: a part without examples, or a task without a test split. */
        static final Validation NONE = new Validation(Double.NaN, Double.NaN);
    }

    /** An evaluation as stored, and the validation it measured. */
    record Measured(Evaluation evaluation, Validation validation) {
    }
}
