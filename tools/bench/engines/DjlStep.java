import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import dev.psi.train.engine.TorchRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The loop of JavaCppStep.java through DJL, op by op as Psi's autograd path issues them (AutogradPasses: forward,
 * loss, backward, the loss read, gradients zeroed; the optimizer: SGD with momentum as two in-place ops and one scaled
 * subtraction per parameter, scalars as tensors made once; parameters one by one, not packed). Prints CPU µs per step, best of ROUNDS rounds of STEPS steps.
 */
public final class DjlStep {

    public static void main(String[] args) {
        int steps = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Engine engine = TorchRuntime.engine();
        TorchRuntime.setThreads(1);
        try (NDManager manager = engine.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(16, 64));
            NDArray y = manager.randomInteger(0, 10, new Shape(16, 1), DataType.INT64);
            NDArray[] weights = {manager.randomUniform(-0.125f, 0.125f, new Shape(64, 64)), manager.zeros(new Shape(64)),
                manager.randomUniform(-0.125f, 0.125f, new Shape(10, 64)), manager.zeros(new Shape(10))};
            NDArray[] momenta = new NDArray[weights.length];
            for (int i = 0; i < weights.length; i++) {
                weights[i].setRequiresGradient(true);
                momenta[i] = weights[i].zerosLike();
            }
            NDArray lr = manager.create(0.05f);
            NDArray momentum = manager.create(0.9f);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double best = Double.POSITIVE_INFINITY;
            for (int round = 0; round < rounds; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int s = 0; s < steps; s++) {
                    try (NDScope scope = new NDScope()) {
                        NDArray loss;
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray hidden = Activation.relu(Linear.linear(x, weights[0], weights[1]).singletonOrThrow());
                            NDArray output = Linear.linear(hidden, weights[2], weights[3]).singletonOrThrow();
                            loss = output.logSoftmax(1).gather(y, 1).mean().neg();
                            collector.backward(loss);
                        }
                        loss.toFloatArray();
                        for (int i = 0; i < weights.length; i++) {
                            NDArray gradient = weights[i].getGradient();
                            momenta[i].muli(momentum).addi(gradient);
                            weights[i].subi(momenta[i].mul(lr));
                            gradient.subi(gradient);
                        }
                    }
                }
                best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / 1e3 / steps);
            }
            System.out.printf("djl %.1f%n", best);
        }
    }
}
