package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * <p>It trains {@link ModelParameters#packed packed} parameters, and writes the gradients into the views of their
 * packed gradient tensor (the ops' {@code out=} variants, the same kernels), so that an optimizer whose rule is element
 * by element updates the whole model with one call per op. It returns losses and counts as numbers, read out of their
 * tensors inside the call, and slices a batch of the epoch's shuffled copy itself: on the small bench case each of
 * these is a few native calls and Java wrappers fewer per step. It multiplies by views W.t() of the weights made once.
 *
 * <p>Lifecycle: {@link #load} once per trial, then as {@link NetworkPasses} says. The program itself is loaded once
 * per process and shared ({@link TorchScriptProgram}).
 */
final class ScriptedPerceptron implements NetworkPasses {

    private static final String PROGRAM = "perceptron.pt";
    private static final String GRADIENTS = "gradients";
    private static final String SLICE_GRADIENTS = "slice_gradients";
    private static final String EVALUATE = "evaluate";
    private static final String MEAN_GRADIENT = "mean_gradient";

    /** The activations the program knows, by the names of the {@code mlp} spec, in the order of its codes. */
    private static final List<String> ACTIVATIONS = List.of("relu", "tanh", "sigmoid", "gelu");

    private final IValue parameters;
    /** W.t() of each layer's weight W: views made once, which the program multiplies by instead of making its own. */
    private final IValue transposed;
    private final IValue activation;
    private final IValue loss;
    /** Where the program writes the gradients: views of the packed parameters' gradient tensor. */
    private final List<NDArray> gradients;
    private final IValue gradientsOut;
    /**
     * The start of the backward pass for each batch size met so far (the full batch and a last, smaller one), made
     * once by the program's {@code mean_gradient}: four ops fewer per step.
     */
    private final Map<Integer, IValue> meanGradients = new HashMap<>();
    /**
     * The tensors the batches of this epoch are slices of (a {@link Batches#copies() copy}), and their values. The
     * values hold references of their own: an epoch's copy is freed at the first step of the next epoch (or at
     * {@link #close}), so that for a moment two copies of at most {@value Batches#COPY_LIMIT_BYTES} bytes exist.
     */
    private NDArray slicedFeatures;
    private IValue slicedFeaturesValue;
    private IValue slicedTargetsValue;

    private ScriptedPerceptron(ModelParameters parameters, int activation, Loss loss) {
        List<NDArray> arrays = parameters.arrays();
        this.parameters = IValue.listFrom(arrays.toArray(PtNDArray[]::new));
        PtNDArray[] weightsTransposed = new PtNDArray[arrays.size() / 2];
        for (int i = 0; i < weightsTransposed.length; i++) {
            weightsTransposed[i] = (PtNDArray) arrays.get(2 * i).transpose();
        }
        this.transposed = IValue.listFrom(weightsTransposed);
        this.activation = IValue.from((long) activation);
        this.loss = IValue.from((long) (loss == Loss.CROSS_ENTROPY ? 0 : 1));
        this.gradients = parameters.packed().orElseThrow().gradientViews();
        this.gradientsOut = IValue.listFrom(gradients.toArray(PtNDArray[]::new));
    }

    /**
     * Whether the program computes the gradients of a perceptron whose layers are {@code parameters} (weight, bias,
     * weight, bias, ..., input layer first) with {@code activation} between them, in {@code manager}: not for an
     * activation the program does not know, parameters that are not such layers, or tensors off the CPU.
     */
    static boolean accepts(NDManager manager, List<NDArray> parameters, String activation) {
        // The program makes its own tensors on the CPU: the only device of the libtorch Psi ships.
        if (!ACTIVATIONS.contains(activation) || parameters.isEmpty() || parameters.size() % 2 != 0
                || manager.getDevice().isGpu()) {
            return false;
        }
        for (int i = 0; i < parameters.size(); i += 2) {
            if (parameters.get(i).getShape().dimension() != 2 || parameters.get(i + 1).getShape().dimension() != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The program for the {@link ModelParameters#packed packed} {@code parameters} of a perceptron it
     * {@link #accepts}, with {@code activation} between its layers, trained on {@code loss}.
     *
     * @param manager the trial's manager, which must be on the CPU
     */
    static ScriptedPerceptron load(NDManager manager, ModelParameters parameters, String activation, Loss loss) {
        if (!accepts(manager, parameters.arrays(), activation) || parameters.packed().isEmpty()) {
            throw new IllegalArgumentException("not the packed parameters of a perceptron with " + activation);
        }
        return new ScriptedPerceptron(parameters, ACTIVATIONS.indexOf(activation), loss);
    }

    /**
     * {@inheritDoc} The gradients are the views of the packed gradient tensor, which the next call overwrites; a batch
     * that is a slice of the epoch's copy is sliced by the program.
     */
    @Override
    public BatchGradients gradients(Batches batches, int from, int to) {
        if (!batches.copies()) {
            return gradients(batches.features(from, to), batches.targets(from, to));
        }
        if (batches.epochFeatures() != slicedFeatures) {
            closeSliced();
            slicedFeatures = batches.epochFeatures();
            slicedFeaturesValue = IValue.from((PtNDArray) slicedFeatures);
            slicedTargetsValue = IValue.from((PtNDArray) batches.epochTargets());
        }
        try (IValue start = IValue.from((long) from);
                IValue end = IValue.from((long) to);
                IValue result = Program.INSTANCE.run(SLICE_GRADIENTS, slicedFeaturesValue, slicedTargetsValue, start,
                        end, parameters, transposed, activation, loss, meanGradient(to - from), gradientsOut)) {
            return new BatchGradients(result.toDouble(), gradients);
        }
    }

    /** {@link #gradients(Batches, int, int)} of the batch ({@code features}, {@code targets}). */
    BatchGradients gradients(NDArray features, NDArray targets) {
        try (IValue x = IValue.from((PtNDArray) features);
                IValue y = IValue.from((PtNDArray) targets);
                IValue result = Program.INSTANCE.run(GRADIENTS, x, y, parameters, transposed, activation, loss,
                        meanGradient(Math.toIntExact(features.getShape().get(0))), gradientsOut)) {
            return new BatchGradients(result.toDouble(), gradients);
        }
    }

    /**
     * {@inheritDoc} The same numbers as {@link AutogradPasses#evaluate}, which runs DJL's {@link Forward}.
     */
    @Override
    public double[] evaluate(NDArray features, NDArray targets) {
        try (IValue x = IValue.from((PtNDArray) features);
                IValue y = IValue.from((PtNDArray) targets);
                IValue result = Program.INSTANCE.run(EVALUATE, x, y, parameters, transposed, activation, loss)) {
            return result.toDoubleArray();
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
        closeSliced();
        parameters.close();
        transposed.close();
        gradientsOut.close();
        activation.close();
        loss.close();
    }

    private void closeSliced() {
        if (slicedFeatures != null) {
            slicedFeaturesValue.close();
            slicedTargetsValue.close();
            slicedFeatures = null;
        }
    }

    /** The program, loaded on first use. */
    private static final class Program {
        static final TorchScriptProgram INSTANCE = TorchScriptProgram.load(PROGRAM);
    }
}
