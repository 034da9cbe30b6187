package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;

/**
 * The loss a trial minimizes and reports, chosen by the task: a classification task (one with classes) is
 * trained on cross-entropy, a regression task on mean squared error. Both are means over the batch, as
 * PyTorch's defaults ({@code reduction='mean'}), so that a learning rate means the same whatever the batch size.
 */
enum Loss {

    /** {@code nn.CrossEntropyLoss} of the logits: targets are class indices as an [n, 1] column. */
    CROSS_ENTROPY {
        @Override
        NDArray of(NDArray output, NDArray targets) {
            return output.logSoftmax(1).gather(targets, 1).mean().neg();
        }
    },

    /** {@code nn.MSELoss} of a single output: targets are values, one per example. */
    MEAN_SQUARED_ERROR {
        @Override
        NDArray of(NDArray output, NDArray targets) {
            return output.reshape(-1).sub(targets).square().mean();
        }
    };

    /** The loss of a task with {@code classes} classes (0 for regression). */
    static Loss forClasses(int classes) {
        return classes > 0 ? CROSS_ENTROPY : MEAN_SQUARED_ERROR;
    }

    /** Whether predictions are class scores, so that accuracy is defined. */
    boolean classification() {
        return this == CROSS_ENTROPY;
    }

    /** The mean loss of {@code output} against {@code targets}, a scalar tensor in {@code output}'s manager. */
    abstract NDArray of(NDArray output, NDArray targets);
}
