package dev.psi.train.optim;

import static dev.psi.train.optim.OptimizerTesting.assertClose;
import static dev.psi.train.optim.OptimizerTesting.assertSnapshotReplays;
import static dev.psi.train.optim.OptimizerTesting.assertSpecError;
import static dev.psi.train.optim.OptimizerTesting.buffer;
import static dev.psi.train.optim.OptimizerTesting.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.psi.core.spec.Spec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prodigy against hand computations of the reference's formulas, on f(x) = ½‖x‖² (gradient x) from
 * x₀ = [1, 2] with α = 1 and the defaults: β = [0.9, 0.999], β₃ = √0.999, d₀ = 1e-6, ε = 1e-8.
 */
class ProdigyTest {

    private static final double D0 = 1e-6;
    private static final double BETA3 = Math.sqrt(0.999);

    @RegisterExtension
    static final ManagerFixture TENSORS = new ManagerFixture();

    @Test
    void firstStepByHand() {
        NDArray x = TENSORS.manager().create(new float[] {1, 2});
        try (Prodigy prodigy = (Prodigy) Optimizers.create(Spec.parse("Prodigy()"), TENSORS.manager())) {
            float[][] directions = step(prodigy, List.of(x), 1, x.toFloatArray());
            // d = d₀ = 1e-6, η = d·α = 1e-6; g = [1, 2].
            // m = d(1 − β₁)g = [1e-7, 2e-7];  v = d²(1 − β₂)g² = [1e-15, 4e-15];  s = (d/d₀)·η·g = [1e-6, 2e-6].
            assertClose(new double[] {1e-7, 2e-7}, buffer(prodigy, 0, Prodigy.MEAN), 1e-13, "m");
            assertClose(new double[] {1e-15, 4e-15}, buffer(prodigy, 0, Prodigy.SQUARES), 4e-21, "v");
            assertClose(new double[] {1e-6, 2e-6}, buffer(prodigy, 0, Prodigy.SUMS), 2e-12, "s");
            // ⟨g, x₀ − x⟩ = 0 at x = x₀, so N = 0, d̂ = 0 and d stays d₀.
            assertEquals(D0, prodigy.estimate(), 0.0);
            // Step: η·m/(√v + d·ε) = 1e-6·[1e-7/(3.1622777e-8 + 1e-14), 2e-7/(6.3245553e-8 + 1e-14)]
            //     ≈ [3.1622767e-6, 3.1622772e-6]; with α = 1 and d unchanged, the direction is that step.
            double[] step = {1e-6 * 1e-7 / (Math.sqrt(1e-15) + 1e-14), 1e-6 * 2e-7 / (Math.sqrt(4e-15) + 1e-14)};
            assertClose(step, directions[0], 3e-12, "d₁");
            assertClose(new double[] {1 - step[0], 2 - step[1]}, x.toFloatArray(), 1.2e-7, "x₁");
        }
    }

    @Test
    void estimateGrowsFromD0OnAQuadratic() {
        NDArray x = TENSORS.manager().create(new float[] {1, 2});
        try (Prodigy prodigy = (Prodigy) Optimizers.create(Spec.parse("Prodigy()"), TENSORS.manager())) {
            step(prodigy, List.of(x), 1, x.toFloatArray());
            assertEquals(D0, prodigy.estimate(), 0.0);

            // Step 2 from the values step 1 left: η = d₀·α; N = β₃·0 + (d/d₀)·η·⟨x₁, x₀ − x₁⟩;
            // s = β₃s₁ + (d/d₀)·η·x₁;  d₂ = max(d₀, N/Σ|s|) ≈ 1.58e-6.
            float[] x1 = x.toFloatArray();
            float[] s1 = buffer(prodigy, 0, Prodigy.SUMS);
            double innerProduct = x1[0] * (1.0 - x1[0]) + x1[1] * (2.0 - x1[1]);
            double numerator = D0 * innerProduct;
            double sum = Math.abs(BETA3 * s1[0] + D0 * x1[0]) + Math.abs(BETA3 * s1[1] + D0 * x1[1]);
            float[] m1 = buffer(prodigy, 0, Prodigy.MEAN);
            float[] v1 = buffer(prodigy, 0, Prodigy.SQUARES);
            step(prodigy, List.of(x), 1, x1);
            double d2 = prodigy.estimate();
            assertEquals(Math.max(D0, numerator / sum), d2, 1e-5 * d2);
            assertTrue(d2 > 1.5 * D0, "d₂ = " + d2);
            // The moments take d₁ = d₀, and so does the step size η; only the ε term sees d₂:
            // x₂ = x₁ − η·m₂/(√v₂ + d₂ε), m₂ = β₁m₁ + d₀(1 − β₁)x₁, v₂ = β₂v₁ + d₀²(1 − β₂)x₁².
            double[] x2 = new double[2];
            for (int i = 0; i < 2; i++) {
                double m2 = 0.9 * m1[i] + D0 * 0.1 * x1[i];
                double v2 = 0.999 * v1[i] + D0 * D0 * 0.001 * x1[i] * x1[i];
                x2[i] = x1[i] - D0 * m2 / (Math.sqrt(v2) + d2 * 1e-8);
            }
            assertClose(x2, x.toFloatArray(), 2.4e-7, "x₂");

            double previous = prodigy.estimate();
            for (int t = 3; t <= 12; t++) {
                step(prodigy, List.of(x), 1, x.toFloatArray());
                assertTrue(prodigy.estimate() > previous, "d grows at step " + t + ": " + prodigy.estimate());
                previous = prodigy.estimate();
            }
            // The estimate climbs about 2.6× a step (≈ 0.026 at step 12 in double precision), and the
            // iterate starts to move towards the minimum.
            assertTrue(previous > 1e3 * D0, "d₁₂ = " + previous);
            float[] x12 = x.toFloatArray();
            assertTrue(x12[0] < 0.99 && x12[1] < 1.99, "x₁₂ = [" + x12[0] + ", " + x12[1] + "]");
        }
    }

    @Test
    void zeroRateChangesNothing() {
        NDArray x = TENSORS.manager().create(new float[] {1, 2});
        try (Optimizer prodigy = Optimizers.create(Spec.parse("Prodigy()"), TENSORS.manager())) {
            step(prodigy, List.of(x), 1, new float[] {1, 2});
            step(prodigy, List.of(x), 1, new float[] {0.5f, 1});
            OptimizerState before = prodigy.snapshot();
            float[] at = x.toFloatArray();
            step(prodigy, List.of(x), 0, new float[] {3, -1});
            OptimizerState after = prodigy.snapshot();
            assertArrayEquals(at, x.toFloatArray());
            assertArrayEquals(before.scalars(), after.scalars());
            for (int slot = 0; slot < 4; slot++) {
                assertArrayEquals(before.buffers().get(0)[slot].values(), after.buffers().get(0)[slot].values());
            }
        }
    }

    @Test
    void decoupledWeightDecayShrinksByTheStepSize() {
        // λ = 0.5: x₁ = x₀ − λη·x₀ − η·m/(√v + dε) with η = 1e-6: the decay moves x by 5e-7·x₀ more.
        NDArray plain = TENSORS.manager().create(new float[] {1, 2});
        NDArray decayed = TENSORS.manager().create(new float[] {1, 2});
        try (Optimizer without = Optimizers.create(Spec.parse("Prodigy()"), TENSORS.manager());
                Optimizer with = Optimizers.create(Spec.parse("Prodigy(weight_decay=0.5)"), TENSORS.manager())) {
            step(without, List.of(plain), 1, new float[] {1, 2});
            float[][] directions = step(with, List.of(decayed), 1, new float[] {1, 2});
            float[] p = plain.toFloatArray();
            assertClose(new double[] {p[0] - 5e-7, p[1] - 1e-6}, decayed.toFloatArray(), 2.4e-7, "x₁");
            double undecayed = 1e-6 * 1e-7 / (Math.sqrt(1e-15) + 1e-14);
            assertEquals(undecayed + 5e-7, directions[0][0], 1e-11, "the direction carries the decay too");
        }
    }

    @Test
    void snapshotReplays() {
        assertSnapshotReplays(TENSORS.manager(), "Prodigy(d0=1e-3,use_bias_correction=true)");
        assertSnapshotReplays(TENSORS.manager(),
                "Prodigy(d0=1e-3,decouple=false,weight_decay=0.01,safeguard_warmup=true)");
    }

    @Test
    void badSpecsAreOneLineErrors() {
        assertSpecError("Prodigy(lr=1)", "Prodigy: the learning rate belongs to the controller, not the optimizer; "
                + "write it there, e.g. --controller 'Constant(lr=0.01)'");
        assertSpecError("Prodigy(growth_rate=1.02)", "Prodigy has no argument 'growth_rate'; valid: lr, betas, beta3, "
                + "d0, d_coef, weight_decay, decouple, use_bias_correction, safeguard_warmup, eps");
        assertSpecError("Prodigy(d0=0)", "Prodigy: d0=0 is out of range; it must be > 0");
        assertSpecError("Prodigy(d_coef=-1)", "Prodigy: d_coef=-1 is out of range; it must be > 0");
        assertSpecError("Prodigy(beta3=1)", "Prodigy: beta3=1 is out of range; it must be in [0, 1)");
        assertSpecError("Prodigy(betas=[0.9])",
                "Prodigy: betas must be a list of two numbers such as [0.9,0.999], got 1");
        assertSpecError("Prodigy(decouple=yes)", "Prodigy: decouple=yes is not valid; valid: true, false");
        assertSpecError("Prodigy(eps=0)", "Prodigy: eps=0 is out of range; it must be > 0");
    }
}
