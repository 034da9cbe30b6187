package dev.psi.train.optim;

import static dev.psi.train.optim.OptimizerTesting.assertClose;
import static dev.psi.train.optim.OptimizerTesting.assertSnapshotReplays;
import static dev.psi.train.optim.OptimizerTesting.assertSpecError;
import static dev.psi.train.optim.OptimizerTesting.buffer;
import static dev.psi.train.optim.OptimizerTesting.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import dev.psi.core.spec.Spec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Schedule-Free AdamW against hand computations of the reference's recursion (schedulefree ≥ 1.3). */
class ScheduleFreeAdamWTest {

    private static final double TOLERANCE = 1e-6;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    @RegisterExtension
    static final ManagerFixture TENSORS = new ManagerFixture();

    @Test
    void twoStepsByHand() {
        // Defaults (β = [0.9, 0.999], ε = 1e-8, r = 0, weight_lr_power = 2); y₀ = [1, 2]; α = 0.1.
        NDArray y = TENSORS.manager().create(new float[] {1, 2});
        try (Optimizer sf = Optimizers.create(Spec.parse("ScheduleFreeAdamW()"), TENSORS.manager())) {
            // t=1: g = [0.5, −1]; v = 0.001·g² = [2.5e-4, 1e-3]; v̂ = v/(1 − 0.999) = g²;
            // d = g/(√v̂ + ε) ≈ [1, −1]; γ₁ = α = 0.1; c = 1; z = x = y = y₀ − γ₁d ≈ [0.9, 2.1].
            double[] v1 = {0.001 * 0.25, 0.001 * 1};
            double[] d1 = {0.5 / (Math.sqrt(v1[0] / (1 - BETA2)) + EPS), -1 / (Math.sqrt(v1[1] / (1 - BETA2)) + EPS)};
            double rate = 0.1;
            double[] z1 = {1 - rate * d1[0], 2 - rate * d1[1]};
            float[][] first = step(sf, List.of(y), rate, new float[] {0.5f, -1});
            assertClose(d1, first[0], 1e-6, "d₁");
            assertClose(v1, buffer(sf, 0, ScheduleFreeAdamW.SQUARES), 1e-10, "v₁");
            assertState(sf, y, z1, z1, z1);

            // t=2: g = [−0.5, 0.5]; v = 0.999·v₁ + 0.001·g² = [4.9975e-4, 1.249e-3]; v̂ = v/(1 − 0.999²);
            // d ≈ [−1, 0.63255046]; γ₂ = 0.1 = γ_max, so w₁ = w₂ and c = 1/2; z₂ = z₁ − γ₂d ≈ [1, 2.03674495];
            // x₂ = (z₁ + z₂)/2 ≈ [0.95, 2.06837248]; y₂ = 0.9x₂ + 0.1z₂ ≈ [0.955, 2.06520972].
            double[] v2 = {BETA2 * v1[0] + 0.001 * 0.25, BETA2 * v1[1] + 0.001 * 0.25};
            double biasCorrection2 = 1 - BETA2 * BETA2;
            double[] d2 = {-0.5 / (Math.sqrt(v2[0] / biasCorrection2) + EPS),
                0.5 / (Math.sqrt(v2[1] / biasCorrection2) + EPS)};
            double c2 = 0.5;
            double[] z2 = new double[2];
            double[] x2 = new double[2];
            double[] y2 = new double[2];
            for (int i = 0; i < 2; i++) {
                z2[i] = z1[i] - rate * d2[i];
                x2[i] = (1 - c2) * z1[i] + c2 * z2[i];
                y2[i] = BETA1 * x2[i] + (1 - BETA1) * z2[i];
            }
            float[][] second = step(sf, List.of(y), rate, new float[] {-0.5f, 0.5f});
            assertClose(d2, second[0], 1e-6, "d₂");
            assertState(sf, y, z2, x2, y2);
            assertClose(new double[] {0.955, 2.06520972}, y.toFloatArray(), TOLERANCE, "y₂ as written");

            float[] trainingY = y.toFloatArray();
            sf.beginEvaluation(List.of(y));
            assertArrayEquals(buffer(sf, 0, ScheduleFree.X), y.toFloatArray());
            sf.endEvaluation(List.of(y));
            assertArrayEquals(trainingY, y.toFloatArray());
        }
    }

    @Test
    void snapshotReplays() {
        assertSnapshotReplays(TENSORS.manager(), "ScheduleFreeAdamW(warmup_steps=2,weight_decay=0.01,r=1)");
    }

    @Test
    void badSpecsAreOneLineErrors() {
        assertSpecError("ScheduleFreeAdamW(lr=0.0025)", "ScheduleFreeAdamW: the learning rate belongs to the "
                + "controller, not the optimizer; write it there, e.g. --controller 'Constant(lr=0.01)'");
        assertSpecError("ScheduleFreeAdamW(momentum=0.9)", "ScheduleFreeAdamW has no argument 'momentum'; valid: lr, "
                + "betas, eps, warmup_steps, r, weight_lr_power, weight_decay");
        assertSpecError("ScheduleFreeAdamW(betas=[0.9,1])",
                "ScheduleFreeAdamW: betas=1 is out of range; it must be in [0, 1)");
        assertSpecError("ScheduleFreeAdamW(betas=[0.9])",
                "ScheduleFreeAdamW: betas must be a list of two numbers such as [0.9,0.999], got 1");
        assertSpecError("ScheduleFreeAdamW(warmup_steps=-1)",
                "ScheduleFreeAdamW: warmup_steps=-1 is out of range; it must be >= 0");
    }

    private static void assertState(Optimizer sf, NDArray y, double[] z, double[] x, double[] expectedY) {
        assertClose(z, buffer(sf, 0, ScheduleFree.Z), TOLERANCE, "z");
        assertClose(x, buffer(sf, 0, ScheduleFree.X), TOLERANCE, "x");
        assertClose(expectedY, y.toFloatArray(), TOLERANCE, "y");
    }
}
