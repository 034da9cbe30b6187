package dev.psi.train.optim;

import static dev.psi.train.optim.OptimizerTesting.assertClose;
import static dev.psi.train.optim.OptimizerTesting.assertSnapshotReplays;
import static dev.psi.train.optim.OptimizerTesting.assertSpecError;
import static dev.psi.train.optim.OptimizerTesting.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import dev.psi.core.spec.Spec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DoG against hand computations of Ivgi et al.'s formulas. */
class DoGTest {

    @RegisterExtension
    static final ManagerFixture TENSORS = new ManagerFixture();

    @Test
    void firstStepSizeIsInitialDistanceOverGradientNorm() {
        // x₀ = [3, 4]: ‖x₀‖ = 5, r_ε = 0.01·(1 + 5) = 0.06; g₁ = [3, 4]: ‖g₁‖ = 5, so η₁/α = 0.06/5 = 0.012.
        NDArray x = TENSORS.manager().create(new float[] {3, 4});
        try (DoG dog = (DoG) Optimizers.create(Spec.parse("DoG(r_epsilon=0.01)"), TENSORS.manager())) {
            float[][] directions = step(dog, List.of(x), 3, new float[] {3, 4});
            assertEquals(0.01 * (1 + 5.0), dog.distance(), 0.0);
            assertEquals(25.0, dog.gradientSquares(), 0.0);
            assertEquals(0.01 * (1 + 5.0) / 5.0, dog.distance() / Math.sqrt(dog.gradientSquares()), 0.0);
            // d = 0.012·g = [0.036, 0.048]; with α = 3 the step is 0.036·g: x₁ = [3 − 0.108, 4 − 0.144].
            assertClose(new double[] {0.036, 0.048}, directions[0], 1e-7, "d₁");
            assertClose(new double[] {2.892, 3.856}, x.toFloatArray(), 1e-6, "x₁");
        }
    }

    @Test
    void distanceIsTheLargestSoFar() {
        NDArray x = TENSORS.manager().create(new float[] {3, 4});
        try (DoG dog = (DoG) Optimizers.create(Spec.parse("DoG(r_epsilon=0.01)"), TENSORS.manager())) {
            // Step 1 (above): r̄₁ = 0.06, G₁ = 25, x₁ = [2.892, 3.856], ‖x₁ − x₀‖ = 0.036·5 = 0.18.
            step(dog, List.of(x), 3, new float[] {3, 4});
            // Step 2: g₂ = [−1.5, −2], G₂ = 25 + 6.25 = 31.25, r̄₂ = max(0.06, 0.18) = 0.18,
            // d₂ = 0.18/√31.25 · g₂ = 0.0321994·g₂; x₂ = x₁ − 3·d₂ = [3.0368972, 4.0491963],
            // back past x₀: ‖x₂ − x₀‖ = |0.18 − 3·0.0321994·2.5| = 0.0614953.
            float[][] second = step(dog, List.of(x), 3, new float[] {-1.5f, -2});
            double scale2 = 0.18 / Math.sqrt(31.25);
            assertEquals(0.18, dog.distance(), 1e-6);
            assertClose(new double[] {-1.5 * scale2, -2 * scale2}, second[0], 1e-6, "d₂");
            assertClose(new double[] {2.892 + 4.5 * scale2, 3.856 + 6 * scale2}, x.toFloatArray(), 1e-6, "x₂");
            // Step 3: g₃ = [3, 4], G₃ = 56.25, √G₃ = 7.5; the distance now is 0.0614953, but r̄₃ keeps the
            // maximum, 0.18: d₃ = 0.18/7.5 · g₃ = 0.024·g₃ = [0.072, 0.096].
            float[][] third = step(dog, List.of(x), 3, new float[] {3, 4});
            assertEquals(0.18, dog.distance(), 1e-6);
            assertEquals(56.25, dog.gradientSquares(), 1e-9);
            assertClose(new double[] {0.072, 0.096}, third[0], 1e-6, "d₃");
        }
    }

    @Test
    void normsSpanAllParameters() {
        // Two parameters as one vector: x₀ = ([3], [4]) has norm 5 and g = ([3], [4]) too.
        NDArray a = TENSORS.manager().create(new float[] {3});
        NDArray b = TENSORS.manager().create(new float[] {4});
        try (DoG dog = (DoG) Optimizers.create(Spec.parse("DoG(r_epsilon=0.01)"), TENSORS.manager())) {
            float[][] directions = step(dog, List.of(a, b), 1, new float[] {3}, new float[] {4});
            assertEquals(0.06, dog.distance(), 1e-15);
            assertEquals(25.0, dog.gradientSquares(), 0.0);
            assertClose(new double[] {0.036}, directions[0], 1e-7, "d(a)");
            assertClose(new double[] {0.048}, directions[1], 1e-7, "d(b)");
        }
    }

    @Test
    void weightDecayIsAddedToTheGradient() {
        // g = ∇ + λx = [0, 0] + 0.5·[3, 4] = [1.5, 2]: ‖g‖ = 2.5, d = 0.06/2.5 · g = [0.036, 0.048].
        NDArray x = TENSORS.manager().create(new float[] {3, 4});
        try (DoG dog = (DoG) Optimizers.create(Spec.parse("DoG(r_epsilon=0.01,weight_decay=0.5)"), TENSORS.manager())) {
            float[][] directions = step(dog, List.of(x), 1, new float[] {0, 0});
            assertEquals(6.25, dog.gradientSquares(), 0.0);
            assertClose(new double[] {0.036, 0.048}, directions[0], 1e-7, "d");
        }
    }

    @Test
    void zeroGradientsMoveNothing() {
        NDArray x = TENSORS.manager().create(new float[] {3, 4});
        try (Optimizer dog = Optimizers.create(Spec.parse("DoG()"), TENSORS.manager())) {
            float[][] directions = step(dog, List.of(x), 1, new float[] {0, 0});
            assertClose(new double[] {0, 0}, directions[0], 0, "d");
            assertClose(new double[] {3, 4}, x.toFloatArray(), 0, "x");
        }
    }

    @Test
    void snapshotReplays() {
        assertSnapshotReplays(TENSORS.manager(), "DoG(r_epsilon=0.001)");
    }

    @Test
    void badSpecsAreOneLineErrors() {
        assertSpecError("DoG(lr=1)", "DoG: the learning rate belongs to the controller, not the optimizer; write it "
                + "there, e.g. --controller 'Constant(lr=0.01)'");
        assertSpecError("DoG(eps=1e-8)", "DoG has no argument 'eps'; valid: lr, r_epsilon, weight_decay");
        assertSpecError("DoG(r_epsilon=0)", "DoG: r_epsilon=0 is out of range; it must be > 0");
        assertSpecError("DoG(weight_decay=-1)", "DoG: weight_decay=-1 is out of range; it must be >= 0");
    }
}
