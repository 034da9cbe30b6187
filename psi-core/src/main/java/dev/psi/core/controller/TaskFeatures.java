package dev.psi.core.controller;

import dev.psi.core.spec.Arguments;
import dev.psi.core.spec.Range;
import dev.psi.core.spec.Spec;
import java.io.Serializable;

/**
 * What describes a task to a controller that generalizes across tasks (the learned Ψ): the sizes of
 * the data and the model, the batch, the optimizer family and its effective step factor. Zero and an empty
 * family mean unknown.
 *
 * @param datasetSize training examples
 * @param parameterCount model parameters
 * @param batchSize examples per optimizer step
 * @param optimizerFamily the optimizer spec's name, e.g. {@code SGD} or {@code Adam}
 * @param effectiveStep the optimizer's {@link #effectiveStep(Spec) effective step factor}, 0 when unknown (as in
 *     a controller serialized before it existed)
 */
public record TaskFeatures(long datasetSize, long parameterCount, int batchSize, String optimizerFamily,
        double effectiveStep) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Nothing known of the task. */
    public static final TaskFeatures UNKNOWN = new TaskFeatures(0, 0, 0, "", 0);

    public TaskFeatures {
        if (datasetSize < 0 || parameterCount < 0 || batchSize < 0) {
            throw new IllegalArgumentException("task sizes must be >= 0");
        }
        if (!(effectiveStep >= 0) || Double.isInfinite(effectiveStep)) {
            throw new IllegalArgumentException("the effective step factor must be >= 0 and finite, got "
                    + effectiveStep);
        }
        optimizerFamily = optimizerFamily == null ? "" : optimizerFamily;
    }

    /** A task whose optimizer's effective step factor is not known. */
    public TaskFeatures(long datasetSize, long parameterCount, int batchSize, String optimizerFamily) {
        this(datasetSize, parameterCount, batchSize, optimizerFamily, 0);
    }

    /** The features of a task that trains with {@code optimizer}: its family and effective step factor. */
    public static TaskFeatures of(long datasetSize, long parameterCount, int batchSize, Spec optimizer) {
        return new TaskFeatures(datasetSize, parameterCount, batchSize, optimizer.name(), effectiveStep(optimizer));
    }

    /**
     * How far one gradient moves the weights, in the long run, per unit of learning rate: heavy-ball momentum μ
     * sums a gradient's steps to 1/(1 − μ) (PyTorch's SGD, buffer b = μ·b + (1 − dampening)·g, so (1 − dampening)
     * / (1 − μ); Nesterov's look-ahead sums the same; RMSprop's momentum buffer likewise), so that SGD at rate α
     * with μ = 0.9 steps like plain SGD at 10α (Goh 2017, "Why momentum really works"). Adam's first moment is an
     * average, (1 − β₁)·Σβ₁ᵏ = 1, and the other optimizers take no accumulated steps: 1. A momentum of 1 or more
     * has no finite factor: 0, unknown.
     */
    public static double effectiveStep(Spec optimizer) {
        Arguments args = Arguments.of(optimizer);
        double factor = switch (optimizer.name()) {
            case "SGD" -> (1 - args.number("dampening", 0, Range.any()))
                    / (1 - args.number("momentum", 0, Range.any()));
            case "RMSprop" -> 1 / (1 - args.number("momentum", 0, Range.any()));
            default -> 1;
        };
        // A momentum of 1 or more never forgets a gradient: no finite factor, so unknown.
        return factor > 0 && Double.isFinite(factor) ? factor : 0;
    }
}
