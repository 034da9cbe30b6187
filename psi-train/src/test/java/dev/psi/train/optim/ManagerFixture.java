package dev.psi.train.optim;

import ai.djl.ndarray.NDManager;
import dev.psi.train.engine.TorchRuntime;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The tensor manager an optimizer test class works in: opened on Psi's engine before the class's first test,
 * closed, with every tensor and optimizer made in it, after its last. Register it once per class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ManagerFixture TENSORS = new ManagerFixture();
 * }</pre>
 */
final class ManagerFixture implements BeforeAllCallback, AfterAllCallback {

    private NDManager manager;

    /** The open manager; only between the class's first and last test. */
    NDManager manager() {
        if (manager == null) {
            throw new IllegalStateException("the manager is open only while the test class runs");
        }
        return manager;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        manager = TorchRuntime.engine().newBaseManager();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        manager.close();
        manager = null;
    }
}
