package dev.psi.train.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;

/**
 * The one place where Psi starts DJL's PyTorch engine, so that every entry point (CLI, tests, a user's
 * own code) gets the same offline, reproducible set-up.
 *
 * <p>DJL would otherwise try to download native libraries and send usage tracking; Psi forbids both:
 * {@code ai.djl.offline=true} makes DJL take libtorch from the {@code pytorch-native-cpu} jar on the
 * class path, {@code OPT_OUT_TRACKING=true} opts out, and the native cache goes under
 * {@code $PSI_HOME/djl} (default {@code ~/.psi/djl}). Values the user set explicitly are kept.
 *
 * <p>Kernels are pinned by environment variables ({@link KernelPinning}), which only the process that starts
 * the JVM can set: if they are missing, the engine starts anyway and warns once on standard error.
 *
 * <p>It is also one of the two places that call libtorch through DJL's JNI layer ({@code JniUtils}) rather than
 * DJL's engine-neutral API: thread settings, grad mode, TorchScript's graph optimization, and the two per-step calls
 * the training loop makes directly to save per-step overhead ({@link #backward}, {@link #zeroGradient}). The other
 * is {@link TorchScriptProgram}, which loads and runs psi-train's TorchScript programs through DJL's {@code IValue}
 * API.
 */
public final class TorchRuntime {

    private static volatile Engine engine;

    private TorchRuntime() {
    }

    /** The PyTorch engine, started on first use with Psi's offline settings. */
    public static Engine engine() {
        Engine started = engine;
        if (started == null) {
            synchronized (TorchRuntime.class) {
                started = engine;
                if (started == null) {
                    configure();
                    String warning = KernelPinning.warning(System.getenv());
                    if (!warning.isEmpty()) {
                        System.err.println(warning);
                    }
                    started = Engine.getEngine("PyTorch");
                    engine = started;
                }
            }
        }
        return started;
    }

    /**
     * Sets the number of intra-op threads PyTorch uses for this process. Psi trains one trial per
     * thread and gets parallelism from parallel trials: on a 2-vCPU machine two intra-op threads made an
     * epoch of the reference task 7× slower than one.
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        engine();
        JniUtils.setNumThreads(threads);
    }

    /** The number of intra-op threads PyTorch uses in this process. */
    public static int threads() {
        engine();
        return JniUtils.getNumThreads();
    }

    /** The version of libtorch, e.g. {@code 2.7.1}. */
    public static String torchVersion() {
        return engine().getVersion();
    }

    /** Seeds PyTorch's global generator, which drives parameter initialization. */
    public static void seed(long seed) {
        // DJL takes an int seed; fold the long so that seeds differing only in the high bits still differ.
        engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /**
     * Turns libtorch's grad mode off in the calling thread. Grad mode is per thread in libtorch and on by
     * default; DJL turns it off only in the thread that loaded the engine, and its gradient collector restores
     * the previous mode on close. A trial trained on any other thread would then update its weights in place
     * with grad mode on, which PyTorch refuses.
     */
    static void disableGradMode() {
        JniUtils.setGradMode(false);
    }

    /**
     * Turns TorchScript's graph optimization off in the calling thread, for good (a per-thread setting in libtorch,
     * like grad mode, which DJL offers no way to read back). The optimizer rewrites a program's ops into others that
     * need not give the same bits: its {@code DecomposeOps} pass turns {@code addmm} into {@code mm} and {@code add},
     * which differ from {@code addmm} once MKL splits the product's inner dimension into blocks (784 inputs did, 200
     * did not): measured, it made {@link ScriptedPerceptron}'s gradients differ from autograd's by 1 ulp. The graph
     * executor reads the setting on every run, so call this before every run, in the thread that runs it.
     */
    static void disableGraphOptimization() {
        JniUtils.setGraphExecutorOptimize(false);
    }

    /**
     * Back-propagates {@code loss} with the seed gradient {@code seed} (d loss / d loss = 1): what
     * {@code GradientCollector.backward(loss)} does, with a seed made once instead of every step. Call inside an
     * open gradient collector.
     */
    static void backward(NDArray loss, NDArray seed) {
        JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
    }

    /**
     * Zeroes the gradient of {@code weight}, as {@code optimizer.zero_grad()} would: PyTorch accumulates
     * gradients across backward calls, and DJL's collector does not reset them.
     */
    static void zeroGradient(NDArray weight) {
        JniUtils.zeroGrad((PtNDArray) weight);
    }

    private static void configure() {
        setDefault("ai.djl.offline", "true");
        setDefault("OPT_OUT_TRACKING", "true");
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
        setDefault("ai.djl.pytorch.num_threads", "1");
        String home = System.getenv("PSI_HOME");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".psi");
        setDefault("DJL_CACHE_DIR", base.resolve("djl").toString());
        setDefault("ENGINE_CACHE_DIR", base.resolve("djl").toString());
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
