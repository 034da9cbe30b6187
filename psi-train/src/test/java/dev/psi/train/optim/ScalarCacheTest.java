package dev.psi.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.psi.core.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The optimizers' cached scalar tensors: the same tensor DJL makes for {@code mul(Number)}, so the same numbers;
 * reused while the value stays; alive after the step's scope; and never more than a bounded number at once.
 */
class ScalarCacheTest {

    @RegisterExtension
    static final ManagerFixture TENSORS = new ManagerFixture();

    @Test
    void aCachedScalarMultipliesExactlyAsANumberDoes() {
        try (StatefulOptimizer sgd = (StatefulOptimizer) Optimizers.create(Spec.parse("SGD(momentum=0.9)"),
                TENSORS.manager())) {
            NDArray cached;
            try (NDScope scope = new NDScope()) {
                cached = sgd.scalar(0.1);
                assertSame(cached, sgd.scalar(0.1));
            }
            assertEquals(DataType.FLOAT64, cached.getDataType());
            assertEquals(0, cached.getShape().dimension());
            NDArray x = TENSORS.manager().create(new float[] {1.1f, -3.7f, 0.3f, 1e-20f});
            assertArrayEquals(x.mul(0.1).toFloatArray(), x.mul(cached).toFloatArray());
        }
    }

    @Test
    void manyDistinctValuesAreServedCorrectlyWithoutTheCacheGrowing() {
        try (StatefulOptimizer adam = (StatefulOptimizer) Optimizers.create(Spec.parse("Adam()"), TENSORS.manager())) {
            for (int i = 0; i < 100; i++) {
                double value = 1.0 / (i + 1);
                assertEquals(value, adam.scalar(value).getDouble());
                assertTrue(adam.cachedScalars() <= 16, () -> adam.cachedScalars() + " scalars cached");
            }
        }
    }
}
