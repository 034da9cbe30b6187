import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import static org.bytedeco.pytorch.global.torch.*;

/**
 * One training step of the small bench case through the JavaCPP PyTorch presets: libtorch's C++ module for the
 * MLP 64-64-10 and its C++ SGD, so that a step is six native calls (zero_grad, forward, loss, backward, item, step)
 * instead of one per tensor op as through DJL. Same loop as DjlStep.java and torch_step.py: one fixed batch of 16,
 * SGD momentum 0.9 at lr 0.05, 1 thread. Prints CPU µs per step, best of ROUNDS rounds of STEPS steps.
 *
 * <p>MODE {@code fused} steps with libtorch's C++ SGD; {@code ops} issues the update from Java, three in-place ops
 * and a zeroing per parameter as Psi's own optimizers (DoG, Prodigy, Schedule-Free, …) would have to.
 */
public final class JavaCppStep {

    static final class Mlp extends org.bytedeco.pytorch.Module {
        final LinearImpl hidden;
        final LinearImpl output;

        Mlp() {
            hidden = register_module("hidden", new LinearImpl(64, 64));
            output = register_module("output", new LinearImpl(64, 10));
        }

        Tensor forward(Tensor x) {
            return output.forward(relu(hidden.forward(x)));
        }
    }

    public static void main(String[] args) {
        int steps = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        boolean fused = args[2].equals("fused");
        set_num_threads(1);
        manual_seed(1);
        Mlp net = new Mlp();
        SGDOptions options = new SGDOptions(0.05);
        options.momentum().put(0.9);
        SGD sgd = new SGD(net.parameters(), options);
        Tensor x = randn(new long[] {16, 64});
        Tensor y = randint(10L, new long[] {16});
        TensorVector weights = net.parameters();
        Tensor[] momenta = new Tensor[(int) weights.size()];
        for (int i = 0; i < momenta.length; i++) {
            momenta[i] = zeros_like(weights.get(i));
        }
        Scalar momentum = new Scalar(0.9);
        Scalar minusLr = new Scalar(-0.05);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.POSITIVE_INFINITY;
        for (int round = 0; round < rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int s = 0; s < steps; s++) {
                try (PointerScope scope = new PointerScope()) {
                    if (fused) {
                        sgd.zero_grad();
                    }
                    Tensor loss = nll_loss(log_softmax(net.forward(x), 1), y);
                    loss.backward();
                    loss.item_float();
                    if (fused) {
                        sgd.step();
                    } else {
                        try (NoGradGuard noGrad = new NoGradGuard()) {
                            for (int i = 0; i < momenta.length; i++) {
                                Tensor weight = weights.get(i);
                                Tensor gradient = weight.grad();
                                momenta[i].mul_(momentum).add_(gradient);
                                weight.add_(momenta[i], minusLr);
                                gradient.zero_();
                            }
                        }
                    }
                }
            }
            best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / 1e3 / steps);
        }
        System.out.printf("javacpp-%s %.1f%n", args[2], best);
    }
}
