package dev.psi.lab.surface;

import dev.psi.train.data.NoisyQuadratic;

/**
 * The expected second moments of the error of plain SGD on the built-in noisy quadratic, with batch 64:
 * the closed-form recursion derived in {@link SurfaceSamplerTest}'s oracle test. Immutable; one instance
 * is the state before an epoch.
 */
final class NoisyQuadraticModel {

    private static final NoisyQuadratic TASK = NoisyQuadratic.defaults();
    private static final double[] H = TASK.curvatures();
    private static final int BATCH = 64;
    /** Variance of PyTorch's nn.Linear initialization for 50 inputs, U(±1/√50): 1/150. */
    private static final double INIT_VARIANCE = 1.0 / (3 * TASK.dimension());

    private final double[] v;
    private final double bias;

    /** The state at initialization: v_i = w*_i² + 1/150, v_b = 1/150. */
    NoisyQuadraticModel() {
        double[] optimum = TASK.optimum();
        v = new double[optimum.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = optimum[i] * optimum[i] + INIT_VARIANCE;
        }
        bias = INIT_VARIANCE;
    }

    private NoisyQuadraticModel(double[] v, double bias) {
        this.v = v;
        this.bias = bias;
    }

    /** The expected loss L = Σ h_i v_i + v_b + s². */
    double loss() {
        double loss = bias + TASK.noise() * TASK.noise();
        for (int i = 0; i < v.length; i++) {
            loss += H[i] * v[i];
        }
        return loss;
    }

    /** The state after one epoch over {@code examples} at the constant rate {@code lr}, the last batch short. */
    NoisyQuadraticModel afterEpoch(double lr, int examples) {
        double[] next = v.clone();
        double nextBias = bias;
        for (int from = 0; from < examples; from += BATCH) {
            int batch = Math.min(BATCH, examples - from);
            double loss = new NoisyQuadraticModel(next, nextBias).loss();
            double noise = 4 * lr * lr / batch;
            for (int i = 0; i < next.length; i++) {
                double contraction = 1 - 2 * lr * H[i];
                next[i] = contraction * contraction * next[i] + noise * (H[i] * loss + H[i] * H[i] * next[i]);
            }
            nextBias = (1 - 2 * lr) * (1 - 2 * lr) * nextBias + noise * (loss - nextBias);
        }
        return new NoisyQuadraticModel(next, nextBias);
    }

    /** The constant rate in (0.001, 1) with the lowest expected loss after one epoch, to 0.5 %. */
    double bestRate(int examples) {
        double best = 1e-3;
        for (double lr = 1e-3; lr < 1; lr *= 1.005) {
            if (afterEpoch(lr, examples).loss() < afterEpoch(best, examples).loss()) {
                best = lr;
            }
        }
        return best;
    }
}
