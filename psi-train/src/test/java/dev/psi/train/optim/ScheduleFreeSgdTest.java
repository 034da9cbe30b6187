package dev.psi.train.optim;

import static dev.psi.train.optim.OptimizerTesting.assertClose;
import static dev.psi.train.optim.OptimizerTesting.assertSnapshotReplays;
import static dev.psi.train.optim.OptimizerTesting.assertSpecError;
import static dev.psi.train.optim.OptimizerTesting.buffer;
import static dev.psi.train.optim.OptimizerTesting.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.psi.core.spec.Spec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Schedule-Free SGD against hand computations of the reference's recursion. */
class ScheduleFreeSgdTest {

    private static final double TOLERANCE = 1e-6;

    @RegisterExtension
    static final ManagerFixture TENSORS = new ManagerFixture();

    @Test
    void threeStepsByHand() {
        // β = 0.9, no warm-up, r = 0, weight_lr_power = 2; y₀ = z₀ = x₀ = [1, 2]; α = 1, 0.5, 2.
        NDArray y = TENSORS.manager().create(new float[] {1, 2});
        try (ScheduleFreeSgd sf = (ScheduleFreeSgd) Optimizers.create(Spec.parse("ScheduleFreeSGD()"),
                TENSORS.manager())) {
            // t=1: γ = 1, γ_max = 1, w = 1, Σw = 1, c = 1. g = [1, −1].
            // z = [1, 2] − [1, −1] = [0, 3];  x = 0·x₀ + 1·z = [0, 3];  y = 0.9x + 0.1z = [0, 3].
            float[][] directions = step(sf, List.of(y), 1, new float[] {1, -1});
            assertClose(new double[] {1, -1}, directions[0], 0, "d₁ = g₁");
            assertState(sf, y, new double[] {0, 3}, new double[] {0, 3}, new double[] {0, 3});
            // t=2: γ = 0.5, γ_max = 1, w = 1, Σw = 2, c = 0.5. g = [2, 4].
            // z = [0, 3] − 0.5·[2, 4] = [−1, 1];  x = 0.5·[0, 3] + 0.5·[−1, 1] = [−0.5, 2];
            // y = 0.9·[−0.5, 2] + 0.1·[−1, 1] = [−0.55, 1.9].
            step(sf, List.of(y), 0.5, new float[] {2, 4});
            assertState(sf, y, new double[] {-1, 1}, new double[] {-0.5, 2}, new double[] {-0.55, 1.9});
            // t=3: γ = 2, γ_max = 2, w = 4, Σw = 6, c = 2/3. g = [0.5, −0.25].
            // z = [−1, 1] − 2·[0.5, −0.25] = [−2, 1.5];  x = ⅓·[−0.5, 2] + ⅔·[−2, 1.5] = [−1.5, 5/3];
            // y = 0.9·[−1.5, 5/3] + 0.1·[−2, 1.5] = [−1.55, 1.65].
            step(sf, List.of(y), 2, new float[] {0.5f, -0.25f});
            assertState(sf, y, new double[] {-2, 1.5}, new double[] {-1.5, 5.0 / 3}, new double[] {-1.55, 1.65});
            assertEquals(6, sf.weightSum(), 1e-12);
        }
    }

    @Test
    void evaluationSwapsInTheAverageAndBack() {
        NDArray y = TENSORS.manager().create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
        NDArray bias = TENSORS.manager().create(new float[] {0.5f, -0.5f});
        List<NDArray> parameters = List.of(y, bias);
        try (Optimizer sf = Optimizers.create(Spec.parse("ScheduleFreeSGD()"), TENSORS.manager())) {
            step(sf, parameters, 1, new float[] {1, -1, 0.5f, 2}, new float[] {1, 2});
            step(sf, parameters, 0.5, new float[] {2, 4, -1, 0}, new float[] {-3, 0.5f});
            float[] trainingY = y.toFloatArray();
            float[] trainingBias = bias.toFloatArray();
            sf.beginEvaluation(parameters);
            assertArrayEquals(buffer(sf, 0, ScheduleFree.X), y.toFloatArray());
            assertArrayEquals(buffer(sf, 1, ScheduleFree.X), bias.toFloatArray());
            sf.beginEvaluation(parameters);
            assertArrayEquals(buffer(sf, 0, ScheduleFree.X), y.toFloatArray(), "a second begin changes nothing");
            assertThrows(IllegalStateException.class,
                    () -> step(sf, parameters, 1, new float[] {1, 1, 1, 1}, new float[] {1, 1}));
            sf.endEvaluation(parameters);
            assertArrayEquals(trainingY, y.toFloatArray());
            assertArrayEquals(trainingBias, bias.toFloatArray());
            sf.endEvaluation(parameters);
            assertArrayEquals(trainingY, y.toFloatArray(), "a second end changes nothing");
        }
    }

    @Test
    void evaluationBeforeTheFirstStepChangesNothing() {
        NDArray y = TENSORS.manager().create(new float[] {1, 2});
        try (Optimizer sf = Optimizers.create(Spec.parse("ScheduleFreeSGD()"), TENSORS.manager())) {
            sf.beginEvaluation(List.of(y));
            sf.endEvaluation(List.of(y));
            assertArrayEquals(new float[] {1, 2}, y.toFloatArray());
        }
    }

    @Test
    void warmupAndWeightDecayByHand() {
        // warmup_steps = 2, λ = 0.5, α = 1, g = [1, 1] both steps; y₀ = [1, 2].
        NDArray y = TENSORS.manager().create(new float[] {1, 2});
        Spec spec = Spec.parse("ScheduleFreeSGD(warmup_steps=2,weight_decay=0.5)");
        try (Optimizer sf = Optimizers.create(spec, TENSORS.manager())) {
            // t=1: γ = ½; d = g + λy = [1.5, 2]; z = [1, 2] − ½·[1.5, 2] = [0.25, 1]; w = ¼, c = 1: x = y = z.
            float[][] first = step(sf, List.of(y), 1, new float[] {1, 1});
            assertClose(new double[] {1.5, 2}, first[0], TOLERANCE, "d₁");
            assertState(sf, y, new double[] {0.25, 1}, new double[] {0.25, 1}, new double[] {0.25, 1});
            // t=2: γ = 1; d = [1, 1] + ½·[0.25, 1] = [1.125, 1.5]; z = [−0.875, −0.5]; w = 1, Σw = 1.25,
            // c = 0.8: x = 0.2·[0.25, 1] + 0.8·z = [−0.65, −0.2]; y = 0.9x + 0.1z = [−0.6725, −0.23].
            step(sf, List.of(y), 1, new float[] {1, 1});
            assertState(sf, y, new double[] {-0.875, -0.5}, new double[] {-0.65, -0.2}, new double[] {-0.6725, -0.23});
        }
    }

    @Test
    void snapshotReplays() {
        assertSnapshotReplays(TENSORS.manager(), "ScheduleFreeSGD(warmup_steps=3,weight_decay=0.01)");
    }

    @Test
    void badSpecsAreOneLineErrors() {
        assertSpecError("ScheduleFreeSGD(lr=1)", "ScheduleFreeSGD: the learning rate belongs to the controller, not "
                + "the optimizer; write it there, e.g. --controller 'Constant(lr=0.01)'");
        assertSpecError("ScheduleFreeSGD(beta=0.9)", "ScheduleFreeSGD has no argument 'beta'; valid: lr, momentum, "
                + "warmup_steps, r, weight_lr_power, weight_decay");
        assertSpecError("ScheduleFreeSGD(momentum=1)",
                "ScheduleFreeSGD: momentum=1 is out of range; it must be in (0, 1)");
        assertSpecError("ScheduleFreeSGD(warmup_steps=2.5)",
                "ScheduleFreeSGD: warmup_steps must be a whole number, got 2.5");
        assertSpecError("ScheduleFreeSGD(weight_lr_power=-1)",
                "ScheduleFreeSGD: weight_lr_power=-1 is out of range; it must be >= 0");
    }

    private static void assertState(Optimizer sf, NDArray y, double[] z, double[] x, double[] expectedY) {
        assertClose(z, buffer(sf, 0, ScheduleFree.Z), TOLERANCE, "z");
        assertClose(x, buffer(sf, 0, ScheduleFree.X), TOLERANCE, "x");
        assertClose(expectedY, y.toFloatArray(), TOLERANCE, "y");
    }
}
