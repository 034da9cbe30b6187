package dev.psi.train.task.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.psi.core.spec.Spec;
import dev.psi.train.data.DataShape;
import dev.psi.train.data.DataSplit;
import dev.psi.train.task.TaskSpec;
import org.junit.jupiter.api.Test;

class SpiralsFamilyTest {

    private static final SpiralsFamily FAMILY = new SpiralsFamily();

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
    void explicitParametersGiveTheirTaskAndData() {
        TaskSpec task = FAMILY.resolve("sp-c3-t1.5-sd0.02-n800-s2-mlp64x64-sgdm-b16-e9");

        assertEquals(Spec.parse("mlp(hidden=[64,64],activation=relu)"), task.model());
        assertEquals(new DataShape(800, 1000, new long[] {2}, 3), task.shape().orElseThrow());
        DataSplit split = task.load(0, 1);
        assertEquals(task.shape().orElseThrow(), split.shape());
        assertEquals(split, FAMILY.resolve(task.name()).load(0, 1));
        for (int k = 0; k < split.train().count(); k++) {
            double r = Math.hypot(split.train().features()[2 * k], split.train().features()[2 * k + 1]);
            // Radius at most 1, plus the noise (0.02 per coordinate; 0.12 is six standard deviations).
            assertEquals(0.5, r, 0.62);
        }
    }
}
