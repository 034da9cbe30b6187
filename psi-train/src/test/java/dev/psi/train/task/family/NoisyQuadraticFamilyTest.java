package dev.psi.train.task.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.psi.core.spec.Spec;
import dev.psi.train.data.DataShape;
import dev.psi.train.data.DataSplit;
import dev.psi.train.data.Examples;
import dev.psi.train.data.NoisyQuadratic;
import dev.psi.train.task.DataSource;
import dev.psi.train.task.TaskSpec;
import org.junit.jupiter.api.Test;

class NoisyQuadraticFamilyTest {

    private static final NoisyQuadraticFamily FAMILY = new NoisyQuadraticFamily();

    @Test
    void theSameSeedGivesTheSameTaskAndANameResolvesToIt() {
        assertEquals(FAMILY.generate(3), FAMILY.generate(3));
        assertNotEquals(FAMILY.generate(3).name(), FAMILY.generate(4).name());
        for (long seed = 0; seed < 20; seed++) {
            TaskSpec task = FAMILY.generate(seed);
            assertEquals(task, FAMILY.resolve(task.name()));
        }
    }

    @Test
    void explicitParametersGiveTheirTask() {
        TaskSpec task = FAMILY.resolve("nq-d20-k3-sd0.5-n1000-s9-sgd-b32-e6");

        assertEquals(Spec.parse("linear"), task.model());
        assertEquals(new DataShape(1000, 1000, new long[] {20}, 0), task.shape().orElseThrow());
        NoisyQuadratic data = (NoisyQuadratic) ((DataSource.Synthetic) task.data()).task();
        assertEquals(new NoisyQuadratic(20, 3, 0.5, 1000, 1000, 9), data);
        double[] h = data.curvatures();
        assertEquals(1000, h[0] / h[19], 1e-9);
    }

    @Test
    void theOptimumAttainsTheLossFloor() {
        TaskSpec task = FAMILY.resolve("nq-d20-k3-sd0.5-n4000-s9-sgd-b32-e6");
        NoisyQuadratic data = (NoisyQuadratic) ((DataSource.Synthetic) task.data()).task();
        DataSplit split = task.load(0, 1);
        double[] w = data.optimum();
        double loss = 0;
        Examples train = split.train();
        for (int k = 0; k < train.count(); k++) {
            double error = -train.targets()[k];
            for (int i = 0; i < 20; i++) {
                error += w[i] * train.features()[k * 20 + i];
            }
            loss += error * error;
        }
        // The mean of 4000 squared N(0, 0.25) noises: 0.25 with a standard error of 0.0056.
        assertEquals(task.data().lossFloor().orElseThrow(), loss / train.count(), 0.02);
        assertEquals(0.25, task.data().lossFloor().orElseThrow(), 1e-12);
    }
}
