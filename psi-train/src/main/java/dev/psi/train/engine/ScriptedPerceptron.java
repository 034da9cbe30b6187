package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.IValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The loss and gradients of a multilayer perceptron ({@code linear} and {@code mlp} models) in one native call, and
 * its loss and accuracy on held-out data in another: a TorchScript program ({@code perceptron.pt}, made by
 * {@code tools/torchscript/programs.py}) that runs the forward pass and then the backward pass written out, op by
 * op, instead of libtorch's autograd.
 *
 * <p>Why: on a small network a step is per-call overhead, not arithmetic. Through DJL, the forward pass, the loss,
 * autograd's backward pass and the zeroing of the gradients are about 20 native calls, each with its Java wrapper,
 * and autograd itself builds and walks a graph of nodes on every step; the backward pass alone was 45 % of the
 * small bench case. Here the same kernels run from one call, with the interpreter's per-op cost instead.
 *
 * <p>The numbers do not change: for every op of the forward pass the program calls the op that autograd's
 * derivative formula calls in libtorch, on tensors of the same layout, so that loss and gradients equal autograd's
 * to the bit ({@code ScriptedPerceptronTest} holds it to that on random networks of every activation and both
 * losses, and on the bench's shapes). The one difference is that autograd adds each gradient into a zeroed
 * {@code .grad}, which turns a −0.0 into +0.0; no optimizer here tells them apart. The program runs with
 * TorchScript's graph optimization off ({@link TorchScriptProgram}), which would otherwise rewrite its ops into
 * others.
 *
 * <p>The tensors it returns are made under libtorch's inference mode (DJL runs TorchScript that way): they can be
 * read and used as operands, but an in-place change of one ({@code muli}, {@code addi}) throws. The gradients are
 * read-only to an {@link dev.psi.train.optim.Optimizer} anyway.
 *
 * <p>Lifecycle: {@link #load} once per trial; {@link #gradients} at every step and {@link #evaluate} on every
 * held-out batch, inside an {@link ai.djl.ndarray.NDScope} (the results are fresh tensors of that scope);
 * {@link #close} with the trial. Used by one thread at a time: the thread that trains the trial, which may change
 * between epochs. The program itself is loaded once per process and shared ({@link TorchScriptProgram}).
 */
final class ScriptedPerceptron implements AutoCloseable {

    private static final String PROGRAM = "perceptron.pt";
    private static final String GRADIENTS = "gradients";
    private static final String EVALUATE = "evaluate";
    private static final String MEAN_GRADIENT = "mean_gradient";

    /** The activations the program knows, by the names of the {@code mlp} spec, in the order of its codes. */
    private static final List<String> ACTIVATIONS = List.of("relu", "tanh", "sigmoid", "gelu");

    private final PtNDManager manager;
    private final IValue parameters;
    private final IValue activation;
    private final IValue loss;
    /**
     * The start of the backward pass for each batch size met so far (the full batch and a last, smaller one), made
     * once by the program's {@code mean_gradient}: four ops fewer per step.
     */
    private final Map<Integer, IValue> meanGradients = new HashMap<>();

    private ScriptedPerceptron(PtNDManager manager, List<NDArray> parameters, int activation, Loss loss) {
        this.manager = manager;
        this.parameters = IValue.listFrom(parameters.toArray(PtNDArray[]::new));
        this.activation = IValue.from((long) activation);
        this.loss = IValue.from((long) (loss == Loss.CROSS_ENTROPY ? 0 : 1));
    }

    /**
     * The program for a perceptron whose layers are {@code parameters} (weight, bias, weight, bias, ..., input layer
     * first) with {@code activation} between them, trained on {@code loss}; empty for an activation the program does
     * not know or parameters that are not such layers.
     *
     * @param manager where the tensors of every step are made
     */
    static Optional<ScriptedPerceptron> load(NDManager manager, List<NDArray> parameters, String activation,
            Loss loss) {
        int code = ACTIVATIONS.indexOf(activation);
        // The program makes its own tensors on the CPU: the only device of the libtorch Psi ships.
        if (code < 0 || parameters.isEmpty() || parameters.size() % 2 != 0 || manager.getDevice().isGpu()) {
            return Optional.empty();
        }
        for (int i = 0; i < parameters.size(); i += 2) {
            if (parameters.get(i).getShape().dimension() != 2 || parameters.get(i + 1).getShape().dimension() != 1) {
                return Optional.empty();
            }
        }
        return Optional.of(new ScriptedPerceptron((PtNDManager) manager, parameters, code, loss));
    }

    /**
     * The mean loss of the batch ({@code features}, {@code targets}) and its gradient with respect to each
     * parameter, in the parameters' order: fresh tensors of the caller's scope.
     */
    BatchGradients gradients(NDArray features, NDArray targets) {
        try (IValue x = IValue.from((PtNDArray) features);
                IValue y = IValue.from((PtNDArray) targets);
                IValue result = Program.INSTANCE.run(GRADIENTS, x, y, parameters, activation, loss,
                        meanGradient(Math.toIntExact(features.getShape().get(0))))) {
            PtNDArray[] tensors = result.toTensorArray(manager);
            return new BatchGradients(tensors[0], List.<NDArray>of(tensors).subList(1, tensors.length));
        }
    }

    /**
     * The mean loss on the held-out batch ({@code features}, {@code targets}), a scalar tensor, and for
     * cross-entropy the number of examples whose largest output is their class (an int64 scalar), as
     * {@link Evaluator} computes them through {@link Forward}.
     */
    List<NDArray> evaluate(NDArray features, NDArray targets) {
        try (IValue x = IValue.from((PtNDArray) features);
                IValue y = IValue.from((PtNDArray) targets);
                IValue result = Program.INSTANCE.run(EVALUATE, x, y, parameters, activation, loss)) {
            return List.of(result.toTensorArray(manager));
        }
    }

    private IValue meanGradient(int batchSize) {
        IValue gradient = meanGradients.get(batchSize);
        if (gradient == null) {
            try (IValue n = IValue.from((long) batchSize)) {
                gradient = Program.INSTANCE.run(MEAN_GRADIENT, n, loss);
            }
            meanGradients.put(batchSize, gradient);
        }
        return gradient;
    }

    @Override
    public void close() {
        meanGradients.values().forEach(IValue::close);
        parameters.close();
        activation.close();
        loss.close();
    }

    /** The program, loaded on first use. */
    private static final class Program {
        static final TorchScriptProgram INSTANCE = TorchScriptProgram.load(PROGRAM);
    }
}
