package dev.psi.core.psi;

import static dev.psi.core.psi.PsiFeature.EPOCH;
import static dev.psi.core.psi.PsiFeature.LOSS_RATIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.psi.NetworkModel.Activation;
import dev.psi.core.psi.NetworkModel.Layer;
import dev.psi.core.psi.NetworkModel.Member;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forward pass of the neural Ψ on hand-set weights, its ensemble, and its checks. */
class NetworkModelTest {

    private static final List<PsiFeature> FEATURES = List.of(LOSS_RATIO, EPOCH);
    private static final FitInfo FIT = FitInfo.of(1e-4, 1, Map.of(LOSS_RATIO, new double[] {0, 1},
            EPOCH, new double[] {0, 9}));
    private static final double[] MEAN = {1, 2};
    private static final double[] STD = {2, 4};

    private static Layer layer(double[][] weights, double[] bias, Activation activation) {
        return new Layer(weights, bias, activation);
    }

    private static Member member(Layer... layers) {
        return new Member(List.of(layers));
    }

    private static NetworkModel network(Member... members) {
        return new NetworkModel(FEATURES, MEAN, STD, List.of(members), FIT);
    }

    private static Layer zeros(int inputs, int outputs, Activation activation) {
        return layer(new double[outputs][inputs], new double[outputs], activation);
    }

    @Test
    void forwardPassStandardizesThenAppliesEachLayer() {
        // z = ((3 − 1)/2, (6 − 2)/4) = (1, 1); relu(0.5 + 0.25 + 0.25, 1 − 2 + 0.5) = (1, 0); 2·1 + 3·0 − 1 = 1.
        var model = network(member(
                layer(new double[][] {{0.5, 0.25}, {1, -2}}, new double[] {0.25, 0.5}, Activation.RELU),
                layer(new double[][] {{2, 3}}, new double[] {-1}, Activation.LINEAR)));

        assertEquals(1.0, model.logLearningRate(new double[] {3, 6}));
        assertEquals(Math.exp(1.0), model.learningRate(new double[] {3, 6}));
    }

    @Test
    void tanhLayersSquash() {
        // z = (0.25, 0.25); tanh(0.5); output 2·tanh(0.5).
        var model = network(member(
                layer(new double[][] {{1, 1}}, new double[] {0}, Activation.TANH),
                layer(new double[][] {{2}}, new double[] {0}, Activation.LINEAR)));

        assertEquals(2 * Math.tanh(0.5), model.logLearningRate(new double[] {1.5, 3}));
    }

    @Test
    void ensemblePredictsTheMeanLogRateAndItsSpread() {
        var model = network(
                member(layer(new double[][] {{1, 0}}, new double[] {-2}, Activation.LINEAR)),
                member(layer(new double[][] {{1, 0}}, new double[] {-4}, Activation.LINEAR)));

        assertEquals(-3.0, model.logLearningRate(MEAN));
        assertEquals(Math.exp(-3.0), model.learningRate(MEAN));
        assertEquals(1.0, model.spread(MEAN));
    }

    @Test
    void oneMemberHasNoSpread() {
        var model = network(member(layer(new double[][] {{1, 1}}, new double[] {-2}, Activation.LINEAR)));

        assertEquals(0.0, model.spread(new double[] {5, 7}));
    }

    @Test
    void describeGivesInputsHiddenLayersAndEnsembleSize() {
        Member twoBy16 = member(zeros(2, 16, Activation.TANH), zeros(16, 16, Activation.TANH),
                zeros(16, 1, Activation.LINEAR));

        assertEquals("network: 2 inputs, 2x16 tanh, ensemble of 5",
                network(Collections.nCopies(5, twoBy16).toArray(new Member[0])).describe());
        assertEquals("network: 2 inputs, 16 tanh + 8 relu, ensemble of 1", network(member(zeros(2, 16,
                Activation.TANH), zeros(16, 8, Activation.RELU), zeros(8, 1, Activation.LINEAR))).describe());
        assertEquals("network: 1 input, no hidden layer, ensemble of 1", new NetworkModel(List.of(EPOCH),
                new double[] {0}, new double[] {1}, List.of(member(zeros(1, 1, Activation.LINEAR))),
                FitInfo.of(0.1, 0.1, Map.of(EPOCH, new double[] {0, 1}))).describe());
    }

    @Test
    void theLastLayerGivesOneValue() {
        assertEquals("the last layer must have 1 output (ln lr), it has 2",
                assertThrows(IllegalArgumentException.class, () -> member(zeros(2, 2, Activation.LINEAR))).getMessage());
    }

    @Test
    void layersMustChain() {
        assertEquals("layer 1 takes 3 inputs, layer 0 gives 4", assertThrows(IllegalArgumentException.class,
                () -> member(zeros(2, 4, Activation.TANH), zeros(3, 1, Activation.LINEAR))).getMessage());
    }

    @Test
    void theFirstLayerTakesOneInputPerFeature() {
        assertEquals("member 0 takes 3 inputs for 2 features", assertThrows(IllegalArgumentException.class,
                () -> network(member(zeros(3, 1, Activation.LINEAR)))).getMessage());
    }

    @Test
    void membersShareOneShape() {
        assertEquals("member 1 differs in shape from member 0", assertThrows(IllegalArgumentException.class,
                () -> network(member(zeros(2, 1, Activation.LINEAR)),
                        member(zeros(2, 3, Activation.TANH), zeros(3, 1, Activation.LINEAR)))).getMessage());
    }

    @Test
    void weightRowsHaveOneLength() {
        assertEquals("weight row 1 has 1 columns, row 0 has 2", assertThrows(IllegalArgumentException.class,
                () -> layer(new double[][] {{1, 2}, {3}}, new double[2], Activation.TANH)).getMessage());
    }

    @Test
    void biasHasOneValuePerOutput() {
        assertEquals("bias has 1 values for 2 outputs", assertThrows(IllegalArgumentException.class,
                () -> layer(new double[2][2], new double[1], Activation.TANH)).getMessage());
    }

    @Test
    void stdMustBePositive() {
        assertEquals("std must be > 0, got [2.0, 0.0]", assertThrows(IllegalArgumentException.class,
                () -> new NetworkModel(FEATURES, MEAN, new double[] {2, 0},
                        List.of(member(zeros(2, 1, Activation.LINEAR))), FIT)).getMessage());
    }

    @Test
    void weightsMustBeFinite() {
        assertEquals("weights must be finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> layer(new double[][] {{Double.NaN}}, new double[1], Activation.TANH)).getMessage());
    }

    @Test
    void layersAreCopiedIn() {
        double[][] weights = {{1, 1}};
        Layer layer = layer(weights, new double[] {0}, Activation.LINEAR);
        weights[0][0] = 5;

        assertEquals(1.0, layer.weights()[0][0]);
    }

    @Test
    void activationsHaveWords() {
        assertEquals(Activation.RELU, Activation.ofWord("relu"));
        assertEquals("unknown activation 'sigmoid'; valid: tanh, relu, linear",
                assertThrows(IllegalArgumentException.class, () -> Activation.ofWord("sigmoid")).getMessage());
    }
}
