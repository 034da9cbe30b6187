package dev.psi.lab.fit;

import dev.psi.core.psi.FitInfo;
import dev.psi.core.psi.NetworkModel;
import dev.psi.core.psi.NetworkModel.Activation;
import dev.psi.core.psi.NetworkModel.Layer;
import dev.psi.core.psi.NetworkModel.Member;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import dev.psi.core.spec.Spec;
import dev.psi.train.data.DataSplit;
import dev.psi.train.data.Examples;
import dev.psi.train.engine.Trial;
import dev.psi.train.engine.TrialConfig;
import dev.psi.train.engine.TrialListener;
import dev.psi.train.engine.TrialOutcome;
import dev.psi.train.optim.TensorCopy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The neural Ψ of {@code psi fit --kind network}: an ensemble of small multilayer perceptrons from the
 * standardized features to ln α, trained by Psi's own engine ({@link Trial}) as a regression task.
 *
 * <p>Each member is the model spec {@code mlp(hidden=[16,16],activation=tanh)} trained full-batch (one
 * step per epoch) with {@code Adam()} under {@code CosineAnnealingLR(lr=0.01,T_max=steps)}, on the
 * standardized features z = (x − mean)/std and the standardized target (ln α − μ)/σ, with its own seed.
 * Standardizing the target lets one learning rate serve surfaces whose ln α sits anywhere; the scale is
 * folded back into the last layer (W·σ, b·σ + μ), so the stored network outputs ln α itself as
 * {@link NetworkModel} defines. A feature constant over the data (std 0) is given std 1: it enters as 0.
 *
 * <p>The weights are read from {@link Trial#checkpoint()}, whose parameters come in layer order,
 * weight ([out, in]) then bias. As a guard against a change in that order, each member's predictions in
 * Java are compared with the engine's own loss on the rows it validates on; a mismatch is an error.
 */
final class NetworkFit {

    /**
     * @param hidden units of each hidden layer
     * @param members networks in the ensemble
     * @param steps full-batch Adam steps per member
     * @param learningRate Adam's initial rate, annealed to 0 over the steps
     */
    record Settings(List<Integer> hidden, int members, int steps, double learningRate) {

        /** 16-16 tanh, five members, 1000 steps: about a second per member on 600 rows. */
        static final Settings DEFAULT = new Settings(List.of(16, 16), 5, 1000, 0.01);

        Settings {
            hidden = List.copyOf(hidden);
            if (hidden.isEmpty() || members < 1 || steps < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("a network fit needs hidden layers, members, steps and a positive "
                        + "learning rate");
            }
        }

        String modelSpec() {
            return "mlp(hidden=" + hidden.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"))
                    + ",activation=tanh)";
        }
    }

    /** Rows the engine validates on, for the check of the weights read back. */
    private static final int CHECK_ROWS = 16;

    private NetworkFit() {
    }

    /** The ensemble trained on {@code data}, as a network model carrying {@code fit}. */
    static NetworkModel fit(FitData data, List<PsiFeature> features, Settings settings, long seed, FitInfo fit) {
        int n = data.size();
        int k = features.size();
        double[] mean = new double[k];
        double[] std = new double[k];
        float[] inputs = new float[n * k];
        for (int j = 0; j < k; j++) {
            double[] column = data.column(features.get(j));
            double[] moments = moments(column);
            mean[j] = moments[0];
            std[j] = moments[1] > 0 ? moments[1] : 1;
            for (int i = 0; i < n; i++) {
                inputs[i * k + j] = (float) ((column[i] - mean[j]) / std[j]);
            }
        }
        double[] target = moments(data.logLr());
        double center = target[0];
        double scale = target[1] > 0 ? target[1] : 1;
        float[] outputs = new float[n];
        for (int i = 0; i < n; i++) {
            outputs[i] = (float) ((data.logLr()[i] - center) / scale);
        }
        Examples train = new Examples(n, new long[] {k}, inputs, outputs, 0);
        int[] check = new int[Math.min(n, CHECK_ROWS)];
        Arrays.setAll(check, i -> i);
        DataSplit split = new DataSplit(train, train.subset(check));
        List<Member> members = new ArrayList<>();
        for (int m = 0; m < settings.members(); m++) {
            Trained trained = trainMember(split, settings, seed * 31 + m);
            Member member = rescaled(trained.member(), center, scale);
            NetworkModel alone = new NetworkModel(features, mean, std, List.of(member), fit);
            checkAgainstEngine(alone, data, check.length, trained.checkLoss() * scale * scale);
            members.add(member);
        }
        return new NetworkModel(features, mean, std, members, fit);
    }

    /** A member as trained, on the standardized target, and the engine's loss on the check rows. */
    private record Trained(Member member, double checkLoss) {
    }

    private static Trained trainMember(DataSplit split, Settings settings, long seed) {
        TrialConfig config = new TrialConfig(Spec.parse(settings.modelSpec()), Spec.parse("Adam()"),
                Spec.parse("CosineAnnealingLR(lr=" + settings.learningRate() + ",T_max=" + settings.steps() + ")"),
                split.train().count(), settings.steps(), seed, TrialConfig.DEFAULT_LOSS_SMOOTHING);
        try (Trial trial = Trial.create(config, split)) {
            TrialOutcome outcome = trial.run(TrialListener.NONE);
            if (outcome.status() != TrialStatus.COMPLETED) {
                throw new IllegalStateException("training a network member diverged (seed " + seed + ")");
            }
            List<TensorCopy> parameters = trial.checkpoint().parameters();
            EpochResult last = outcome.epochs().get(outcome.epochs().size() - 1);
            return new Trained(member(parameters, settings.hidden().size() + 1), last.valLoss());
        }
    }

    /** The layers of one network from its parameters in layer order: weight [out, in], then bias [out]. */
    private static Member member(List<TensorCopy> parameters, int layers) {
        if (parameters.size() != 2 * layers) {
            throw new IllegalStateException("expected " + 2 * layers + " parameter tensors (weight and bias per "
                    + "layer), the engine has " + parameters.size());
        }
        List<Layer> built = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            TensorCopy weight = parameters.get(2 * l);
            TensorCopy bias = parameters.get(2 * l + 1);
            long[] shape = weight.shape();
            if (shape.length != 2 || bias.shape().length != 1 || bias.shape()[0] != shape[0]) {
                throw new IllegalStateException("layer " + l + " has weight " + Arrays.toString(shape) + " and bias "
                        + Arrays.toString(bias.shape()) + ", expected [out, in] and [out]");
            }
            int out = (int) shape[0];
            int in = (int) shape[1];
            double[][] w = new double[out][in];
            double[] b = new double[out];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    w[o][i] = weight.values()[o * in + i];
                }
                b[o] = bias.values()[o];
            }
            built.add(new Layer(w, b, l == layers - 1 ? Activation.LINEAR : Activation.TANH));
        }
        return new Member(built);
    }

    /** The member with its output mapped from the standardized target back to ln α. */
    private static Member rescaled(Member member, double center, double scale) {
        List<Layer> layers = new ArrayList<>(member.layers());
        Layer last = layers.get(layers.size() - 1);
        double[][] w = last.weights();
        double[] b = last.bias();
        for (int o = 0; o < w.length; o++) {
            for (int i = 0; i < w[o].length; i++) {
                w[o][i] *= scale;
            }
            b[o] = b[o] * scale + center;
        }
        layers.set(layers.size() - 1, new Layer(w, b, last.activation()));
        return new Member(layers);
    }

    /**
     * Compares the mean squared error of ln α that the model computes in Java on the first rows with the
     * engine's validation loss on the same rows, scaled to ln α (float32 there, so to 1e-3 relative).
     */
    private static void checkAgainstEngine(NetworkModel model, FitData data, int rows, double engineLoss) {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double residual = model.logLearningRate(data.featureRow(i, model.features())) - data.logLr()[i];
            sum += residual * residual;
        }
        double javaLoss = sum / rows;
        if (Math.abs(javaLoss - engineLoss) > 1e-3 * Math.max(engineLoss, 1e-3)) {
            throw new IllegalStateException("the weights read from the engine do not reproduce its loss (" + javaLoss
                    + " against " + engineLoss + "): the parameter layout has changed");
        }
    }

    private static double[] moments(double[] values) {
        double mean = 0;
        for (double value : values) {
            mean += value / values.length;
        }
        double variance = 0;
        for (double value : values) {
            variance += (value - mean) * (value - mean) / values.length;
        }
        return new double[] {mean, Math.sqrt(variance)};
    }
}
