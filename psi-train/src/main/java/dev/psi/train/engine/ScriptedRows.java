package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.IValue;

/**
 * A batch's rows of the training tensors, gathered by index in one call of a TorchScript program ({@code rows.pt},
 * made by {@code tools/torchscript/programs.py}): {@code index_select} on the features and on the targets.
 *
 * <p>Why: DJL gathers by an index tensor through advanced indexing ({@code at::index}), whose kernel copies element
 * by element, and in two calls, each with its index bookkeeping; {@code index_select} copies whole rows. Measured
 * in isolation, 128 random rows of Fashion-MNIST's 60 000 × 784 features: 103 µs through the program, 145–161 µs
 * through DJL. Both copy the same rows into a fresh tensor, so the numbers are the same ({@code BatchesTest}).
 *
 * <p>Lifecycle: made with the training tensors, which it holds references to; {@link #of} in a step's
 * {@link ai.djl.ndarray.NDScope}; {@link #close} with them.
 */
final class ScriptedRows implements AutoCloseable {

    private static final String METHOD = "rows";

    private final PtNDManager manager;
    private final IValue features;
    private final IValue targets;

    /** The rows of {@code features} and {@code targets}; each batch's tensors are made in {@code manager}. */
    ScriptedRows(PtNDManager manager, NDArray features, NDArray targets) {
        this.manager = manager;
        this.features = IValue.from((PtNDArray) features);
        try {
            this.targets = IValue.from((PtNDArray) targets);
        } catch (RuntimeException e) {
            this.features.close();
            throw e;
        }
    }

    /** The features' and the targets' rows at {@code index} (int64, one dimension), in that order. */
    NDArray[] of(NDArray index) {
        try (IValue rows = IValue.from((PtNDArray) index);
                IValue result = Program.INSTANCE.run(METHOD, features, targets, rows)) {
            return result.toTensorArray(manager);
        }
    }

    @Override
    public void close() {
        features.close();
        targets.close();
    }

    /** The program, loaded on first use. */
    private static final class Program {
        static final TorchScriptProgram INSTANCE = TorchScriptProgram.load("rows.pt");
    }
}
