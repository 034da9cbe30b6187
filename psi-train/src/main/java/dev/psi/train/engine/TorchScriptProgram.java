package dev.psi.train.engine;

import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A TorchScript program shipped in psi-train's resources (made by a script of {@code tools/torchscript}), loaded
 * once into a manager of its own that lives as long as the process, as the engine does: loading and compiling one
 * took 15–90 ms, against a study trial of 0.1 s. Its methods run with graph optimization off
 * ({@link TorchRuntime#disableGraphOptimization}), so that they run the ops they are written with. Running methods
 * from several threads at once is safe: a method's plan is built under a lock.
 */
final class TorchScriptProgram {

    private final PtSymbolBlock module;

    private TorchScriptProgram(PtSymbolBlock module) {
        this.module = module;
    }

    /**
     * Loads the program {@code resource} of this package.
     *
     * @throws IllegalStateException if it is not on the class path
     */
    static TorchScriptProgram load(String resource) {
        try (InputStream in = TorchScriptProgram.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            PtNDManager manager = (PtNDManager) TorchRuntime.engine().newBaseManager();
            return new TorchScriptProgram(JniUtils.loadModule(manager, in, false, false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * Runs {@code method} on {@code arguments} in the calling thread; the caller closes the result. Results are
     * made under libtorch's inference mode (DJL runs TorchScript that way): they refuse in-place changes.
     */
    IValue run(String method, IValue... arguments) {
        // Read by the graph executor on every run, per thread: a trial may train on any thread.
        TorchRuntime.disableGraphOptimization();
        return IValueUtils.runMethod(module, method, arguments);
    }
}
