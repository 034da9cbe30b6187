package dev.psi.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every optimizer against PyTorch 1.13: the same start, gradients and per-step learning rates must give
 * the same parameters after each of 6 steps (fixture made by tools/reference/optimizers.py).
 */
class OptimizersTest {

    /** float32 arithmetic in a different operation order: agreement to ~1e-6 relative is the best possible. */
    private static final double TOLERANCE = 2e-5;

    private static JsonNode reference;
    @RegisterExtension
    static final ManagerFixture TENSORS = new ManagerFixture();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = OptimizersTest.class.getResourceAsStream("/reference/optimizers.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = OptimizersTest.class.getResourceAsStream("/reference/optimizers.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Arguments> out = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                out.add(Arguments.of(c.get("spec").asText(), c.get("trajectory")));
            }
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorchStepByStep(String spec, JsonNode trajectory) {
        List<NDArray> parameters = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            parameters.add(TENSORS.manager().create(floats(reference.get("initial").get(p)), shape(p)));
        }
        try (Optimizer optimizer = Optimizers.create(Spec.parse(spec), TENSORS.manager())) {
            for (int step = 0; step < trajectory.size(); step++) {
                try (NDScope scope = new NDScope()) {
                    List<NDArray> gradients = new ArrayList<>();
                    for (int p = 0; p < 2; p++) {
                        gradients.add(TENSORS.manager().create(floats(reference.get("gradients").get(step).get(p)),
                                shape(p)));
                    }
                    optimizer.step(parameters, gradients, reference.get("lrs").get(step).asDouble());
                }
                for (int p = 0; p < 2; p++) {
                    float[] actual = parameters.get(p).toFloatArray();
                    float[] expected = floats(trajectory.get(step).get(p));
                    for (int i = 0; i < expected.length; i++) {
                        double error = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
                        assertTrue(error < TOLERANCE, spec + " step " + step + " param " + p + "[" + i + "]: "
                                + actual[i] + " vs PyTorch " + expected[i]);
                    }
                }
            }
        }
    }

    @Test
    void restoredStateForgetsTheStepsTakenAfterTheSnapshot() {
        NDArray detoured = TENSORS.manager().create(new float[] {1, 2, 3});
        NDArray direct = TENSORS.manager().create(new float[] {1, 2, 3});
        try (Optimizer first = Optimizers.create(Spec.parse("Adam()"), TENSORS.manager());
                Optimizer second = Optimizers.create(Spec.parse("Adam()"), TENSORS.manager())) {
            stepWith(first, detoured, new float[] {0.5f, -1, 2});
            OptimizerState state = first.snapshot();
            float[] atSnapshot = detoured.toFloatArray();
            stepWith(first, detoured, new float[] {1, 1, 1});
            first.restore(state);
            detoured.set(atSnapshot);
            stepWith(first, detoured, new float[] {-3, 0.25f, 1});

            stepWith(second, direct, new float[] {0.5f, -1, 2});
            stepWith(second, direct, new float[] {-3, 0.25f, 1});
            assertArrayEquals(direct.toFloatArray(), detoured.toFloatArray());
        }
    }

    @Test
    void learningRateInOptimizerSpecIsRejected() {
        SpecException error = assertThrows(SpecException.class, () -> Optimizers.validate(Spec.parse("SGD(lr=0.1)")));
        assertEquals("SGD: the learning rate belongs to the controller, not the optimizer; write it there, "
                + "e.g. --controller 'Constant(lr=0.01)'", error.getMessage());
    }

    @Test
    void unknownOptimizerListsValidNames() {
        SpecException error = assertThrows(SpecException.class, () -> Optimizers.validate(Spec.parse("Adamax()")));
        assertEquals("unknown optimizer 'Adamax'; valid: SGD, Adam, AdamW, RMSprop, Adagrad, DoG, Prodigy, "
                + "ScheduleFreeSGD, ScheduleFreeAdamW", error.getMessage());
    }

    @Test
    void unknownArgumentListsValidKeys() {
        SpecException error = assertThrows(SpecException.class,
                () -> Optimizers.validate(Spec.parse("SGD(momentun=0.9)")));
        assertEquals("SGD has no argument 'momentun'; valid: lr, momentum, dampening, nesterov, weight_decay",
                error.getMessage());
    }

    @Test
    void negativeMomentumIsOutOfRange() {
        SpecException error = assertThrows(SpecException.class,
                () -> Optimizers.validate(Spec.parse("SGD(momentum=-1)")));
        assertEquals("SGD: momentum=-1 is out of range; it must be >= 0", error.getMessage());
    }

    @Test
    void nesterovWithoutMomentumIsRejected() {
        SpecException error = assertThrows(SpecException.class,
                () -> Optimizers.validate(Spec.parse("SGD(nesterov=true)")));
        assertEquals("SGD: nesterov=true requires momentum > 0 and dampening=0", error.getMessage());
    }

    @Test
    void adamBetasMustBeTwo() {
        SpecException error = assertThrows(SpecException.class,
                () -> Optimizers.validate(Spec.parse("Adam(betas=[0.9])")));
        assertEquals("Adam: betas must be a list of two numbers such as [0.9,0.999], got 1", error.getMessage());
    }

    @Test
    void defaultLearningRatesArePyTorchs() {
        assertEquals(1e-3, Optimizers.defaultLearningRate(Spec.parse("Adam()")));
        assertEquals(1e-2, Optimizers.defaultLearningRate(Spec.parse("RMSprop()")));
        assertEquals(0.1, Optimizers.defaultLearningRate(Spec.parse("SGD()")));
    }

    @Test
    void defaultLearningRatesOfTheRuleChangingOptimizersAreTheirReferences() {
        assertEquals(1.0, Optimizers.defaultLearningRate(Spec.parse("DoG()")));
        assertEquals(1.0, Optimizers.defaultLearningRate(Spec.parse("Prodigy()")));
        assertEquals(1.0, Optimizers.defaultLearningRate(Spec.parse("ScheduleFreeSGD()")));
        assertEquals(0.0025, Optimizers.defaultLearningRate(Spec.parse("ScheduleFreeAdamW()")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SGD(momentum=0.9,nesterov=true)", "Adam(amsgrad=true)", "AdamW()",
        "RMSprop(centered=true,momentum=0.5)", "Adagrad(lr_decay=0.1)"})
    void snapshotReplays(String spec) {
        OptimizerTesting.assertSnapshotReplays(TENSORS.manager(), spec);
    }

    @Test
    void snapshotOfAnotherOptimizerIsRejected() {
        try (Optimizer sgd = Optimizers.create(Spec.parse("SGD(momentum=0.9)"), TENSORS.manager());
                Optimizer dog = Optimizers.create(Spec.parse("DoG()"), TENSORS.manager())) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> dog.restore(sgd.snapshot()));
            assertEquals("the snapshot was not taken from a DoG optimizer", error.getMessage());
        }
    }

    private static void stepWith(Optimizer optimizer, NDArray parameter, float[] gradient) {
        try (NDScope scope = new NDScope()) {
            optimizer.step(List.of(parameter), List.of(TENSORS.manager().create(gradient)), 0.1);
        }
    }

    private static Shape shape(int p) {
        JsonNode dims = reference.get("shapes").get(p);
        long[] out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i).asLong();
        }
        return new Shape(out);
    }

    private static float[] floats(JsonNode values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values.get(i).asDouble();
        }
        return out;
    }
}
