package dev.psi.core.psi;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A neural Ψ: an ensemble of small multilayer perceptrons, each mapping the standardized features to
 * ln α. The prediction is the mean of the members' ln α, and their standard deviation
 * ({@link #spread}) says how far the members disagree, an estimate of the model's uncertainty
 * (Lakshminarayanan et al. 2017, "Simple and scalable predictive uncertainty estimation using deep
 * ensembles").
 *
 * <p>A member computes, for input x (in the order of {@link #features()}):
 * <pre>
 *   z⁰ = (x − mean) / std                     elementwise
 *   zˡ = act_l(W_l · zˡ⁻¹ + b_l)              for each layer l
 * </pre>
 * and its last layer has one output, ln α. All members have the same shape. Predicting ln α rather
 * than α makes the network's error relative, as the learning rates of the surface span decades.
 */
public final class NetworkModel implements PsiModel {

    private static final long serialVersionUID = 1L;

    /** The function a layer applies to each of its outputs. */
    public enum Activation {
        TANH,
        RELU,
        LINEAR;

        /** The name in model files: {@code tanh}, {@code relu} or {@code linear}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The activation with this name.
         *
         * @throws IllegalArgumentException if there is none
         */
        public static Activation ofWord(String word) {
            for (Activation activation : values()) {
                if (activation.word().equals(word)) {
                    return activation;
                }
            }
            throw new IllegalArgumentException("unknown activation '" + word + "'; valid: tanh, relu, linear");
        }

        double apply(double x) {
            return switch (this) {
                case TANH -> Math.tanh(x);
                case RELU -> x > 0 ? x : 0;
                case LINEAR -> x;
            };
        }
    }

    /**
     * One fully connected layer: {@code act(W · x + b)}.
     *
     * @param weights W, one row per output: {@code weights[out][in]}
     * @param bias b, one per output
     * @param activation act
     */
    public record Layer(double[][] weights, double[] bias, Activation activation) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Layer {
            Objects.requireNonNull(activation, "activation");
            if (weights.length == 0 || weights[0].length == 0) {
                throw new IllegalArgumentException("a layer needs at least one input and one output");
            }
            double[][] rows = new double[weights.length][];
            for (int out = 0; out < weights.length; out++) {
                if (weights[out].length != weights[0].length) {
                    throw new IllegalArgumentException("weight row " + out + " has " + weights[out].length
                            + " columns, row 0 has " + weights[0].length);
                }
                rows[out] = finite(weights[out], "weights").clone();
            }
            if (bias.length != weights.length) {
                throw new IllegalArgumentException("bias has " + bias.length + " values for " + weights.length
                        + " outputs");
            }
            weights = rows;
            bias = finite(bias, "bias").clone();
        }

        /** The number of inputs. */
        public int inputs() {
            return weights[0].length;
        }

        /** The number of outputs. */
        public int outputs() {
            return weights.length;
        }

        /** A copy of W. */
        @Override
        public double[][] weights() {
            double[][] copy = new double[weights.length][];
            for (int out = 0; out < weights.length; out++) {
                copy[out] = weights[out].clone();
            }
            return copy;
        }

        /** A copy of b. */
        @Override
        public double[] bias() {
            return bias.clone();
        }

        /** {@code act(W · x + b)}; the products are summed in input order, then the bias is added. */
        double[] forward(double[] x) {
            double[] y = new double[weights.length];
            for (int out = 0; out < y.length; out++) {
                double sum = 0;
                for (int in = 0; in < x.length; in++) {
                    sum += weights[out][in] * x[in];
                }
                y[out] = activation.apply(sum + bias[out]);
            }
            return y;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Layer that && activation == that.activation && Arrays.deepEquals(weights, that.weights)
                    && Arrays.equals(bias, that.bias);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.deepHashCode(weights) + Arrays.hashCode(bias)) + activation.hashCode();
        }

        @Override
        public String toString() {
            return "Layer[" + inputs() + " -> " + outputs() + " " + activation.word() + "]";
        }
    }

    /**
     * One network of the ensemble.
     *
     * @param layers from input to output; each takes as many inputs as the one before has outputs, and
     *     the last has one output
     */
    public record Member(List<Layer> layers) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Member {
            layers = List.copyOf(layers);
            if (layers.isEmpty()) {
                throw new IllegalArgumentException("a member needs at least one layer");
            }
            for (int l = 1; l < layers.size(); l++) {
                if (layers.get(l).inputs() != layers.get(l - 1).outputs()) {
                    throw new IllegalArgumentException("layer " + l + " takes " + layers.get(l).inputs()
                            + " inputs, layer " + (l - 1) + " gives " + layers.get(l - 1).outputs());
                }
            }
            int outputs = layers.get(layers.size() - 1).outputs();
            if (outputs != 1) {
                throw new IllegalArgumentException("the last layer must have 1 output (ln lr), it has " + outputs);
            }
        }

        /** The number of inputs. */
        public int inputs() {
            return layers.get(0).inputs();
        }

        /** This member's ln α for the standardized input {@code z}. */
        double forward(double[] z) {
            double[] activations = z;
            for (Layer layer : layers) {
                activations = layer.forward(activations);
            }
            return activations[0];
        }

        /** Whether the other member has layers of the same sizes and activations. */
        boolean sameShape(Member other) {
            if (layers.size() != other.layers.size()) {
                return false;
            }
            for (int l = 0; l < layers.size(); l++) {
                Layer mine = layers.get(l);
                Layer theirs = other.layers.get(l);
                if (mine.inputs() != theirs.inputs() || mine.outputs() != theirs.outputs()
                        || mine.activation() != theirs.activation()) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<PsiFeature> features;
    private final double[] mean;
    private final double[] std;
    private final List<Member> members;
    private final FitInfo fit;

    /**
     * @param features the inputs, in the order of the first layer's columns
     * @param mean per feature, subtracted before the first layer
     * @param std per feature, {@code > 0}, divided by before the first layer
     * @param members the ensemble, at least one, all of the same shape
     * @param fit the ranges (one per feature), scores and provenance of the fit
     * @throws IllegalArgumentException if a size does not match or a value is not finite
     */
    public NetworkModel(List<PsiFeature> features, double[] mean, double[] std, List<Member> members, FitInfo fit) {
        this.fit = Objects.requireNonNull(fit, "fit");
        this.features = Models.checkedFeatures(features, fit);
        int n = this.features.size();
        if (mean.length != n || std.length != n) {
            throw new IllegalArgumentException("mean and std need one value per feature (" + n + "), got "
                    + mean.length + " and " + std.length);
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be > 0, got " + Arrays.toString(std));
            }
        }
        this.mean = finite(mean, "mean").clone();
        this.std = finite(std, "std").clone();
        this.members = List.copyOf(members);
        if (this.members.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one member");
        }
        for (int m = 0; m < this.members.size(); m++) {
            Member member = this.members.get(m);
            if (member.inputs() != n) {
                throw new IllegalArgumentException("member " + m + " takes " + member.inputs() + " inputs for " + n
                        + " features");
            }
            if (!member.sameShape(this.members.get(0))) {
                throw new IllegalArgumentException("member " + m + " differs in shape from member 0");
            }
        }
    }

    @Override
    public String kind() {
        return "network";
    }

    @Override
    public List<PsiFeature> features() {
        return features;
    }

    @Override
    public FitInfo fit() {
        return fit;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] std() {
        return std.clone();
    }

    public List<Member> members() {
        return members;
    }

    /** exp of {@link #logLearningRate}. */
    @Override
    public double learningRate(double[] featureValues) {
        return Math.exp(logLearningRate(featureValues));
    }

    /** ln α: the mean of the members' outputs. */
    public double logLearningRate(double[] featureValues) {
        double[] outputs = memberOutputs(featureValues);
        return meanOf(outputs);
    }

    /**
     * The standard deviation of the members' ln α (over the members, dividing by their number): 0 for
     * a single member, large where the members extrapolate differently.
     */
    public double spread(double[] featureValues) {
        double[] outputs = memberOutputs(featureValues);
        double center = meanOf(outputs);
        double squares = 0;
        for (double output : outputs) {
            squares += (output - center) * (output - center);
        }
        return Math.sqrt(squares / outputs.length);
    }

    /** e.g. {@code network: 2 inputs, 2x16 tanh, ensemble of 5}. */
    @Override
    public String describe() {
        List<Layer> layers = members.get(0).layers();
        List<Layer> hidden = layers.subList(0, layers.size() - 1);
        String shape;
        if (hidden.isEmpty()) {
            shape = "no hidden layer";
        } else if (hidden.stream().allMatch(layer -> layer.outputs() == hidden.get(0).outputs()
                && layer.activation() == hidden.get(0).activation())) {
            shape = hidden.size() + "x" + hidden.get(0).outputs() + " " + hidden.get(0).activation().word();
        } else {
            List<String> parts = new ArrayList<>();
            hidden.forEach(layer -> parts.add(layer.outputs() + " " + layer.activation().word()));
            shape = String.join(" + ", parts);
        }
        int n = features.size();
        return "network: " + n + (n == 1 ? " input, " : " inputs, ") + shape + ", ensemble of " + members.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkModel that && features.equals(that.features) && Arrays.equals(mean, that.mean)
                && Arrays.equals(std, that.std) && members.equals(that.members) && fit.equals(that.fit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(features, Arrays.hashCode(mean), Arrays.hashCode(std), members, fit);
    }

    @Override
    public String toString() {
        return "NetworkModel[" + describe() + ", features=" + Models.words(features) + "]";
    }

    private double[] memberOutputs(double[] featureValues) {
        Models.checkLength(featureValues, features);
        double[] z = new double[featureValues.length];
        for (int k = 0; k < z.length; k++) {
            z[k] = (featureValues[k] - mean[k]) / std[k];
        }
        double[] outputs = new double[members.size()];
        for (int m = 0; m < outputs.length; m++) {
            outputs[m] = members.get(m).forward(z);
        }
        return outputs;
    }

    private static double meanOf(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double[] finite(double[] values, String what) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(what + " must be finite, got " + value);
            }
        }
        return values;
    }
}
