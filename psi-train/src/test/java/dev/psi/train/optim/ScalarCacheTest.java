package dev.psi.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.psi.core.spec.Spec;
import dev.psi.train.engine.TorchRuntime;
import org.junit.jupiter.api.Test;

/**
 * The optimizers' cached scalar tensors: the same tensor DJL makes for {@code mul(Number)}, so the same numbers;
 * reused while the value stays; alive after the step's scope; and never more than a bounded number at once.
 */
class ScalarCacheTest {

    @Test
    void aCachedScalarMultipliesExactlyAsANumberDoes() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager();
                StatefulOptimizer sgd = (StatefulOptimizer) Optimizers.create(Spec.parse("SGD(momentum=0.9)"),
                        manager)) {
            NDArray cached;
            try (NDScope scope = new NDScope()) {
                cached = sgd.scalar(0.1);
                assertSame(cached, sgd.scalar(0.1));
            }
            assertEquals(DataType.FLOAT64, cached.getDataType());
            assertEquals(0, cached.getShape().dimension());
            NDArray x = manager.create(new float[] {1.1f, -3.7f, 0.3f, 1e-20f});
            assertArrayEquals(x.mul(0.1).toFloatArray(), x.mul(cached).toFloatArray());
        }
    }

    @Test
    void manyDistinctValuesAreServedCorrectlyWithoutTheCacheGrowing() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager();
                StatefulOptimizer adam = (StatefulOptimizer) Optimizers.create(Spec.parse("Adam()"), manager)) {
            for (int i = 0; i < 100; i++) {
                double value = 1.0 / (i + 1);
                assertEquals(value, adam.scalar(value).getDouble());
                assertTrue(adam.cachedScalars() <= 16, () -> adam.cachedScalars() + " scalars cached");
            }
        }
    }
}
