package dev.psi.train.task.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import dev.psi.train.data.DataShape;
import dev.psi.train.task.TaskSpec;
import org.junit.jupiter.api.Test;

class GaussianMixtureFamilyTest {

    private static final GaussianMixtureFamily FAMILY = new GaussianMixtureFamily();

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
        TaskSpec task = FAMILY.resolve("gm-c3-d10-sep2.5-n600-s5-mlp32-adam-b64-e8");

        assertEquals(Spec.parse("mlp(hidden=[32],activation=relu)"), task.model());
        assertEquals(new DataShape(600, 1000, new long[] {10}, 3), task.shape().orElseThrow());
        assertEquals(task.shape().orElseThrow(), task.load(0, 2).shape());
        assertEquals(task.load(0, 2), FAMILY.resolve(task.name()).load(0, 2));
        assertEquals(Spec.parse("linear"), FAMILY.resolve("gm-c3-d10-sep2.5-n600-s5-lin-adam-b64-e8").model());
    }

    @Test
    void parametersOutOfRangeAreNamed() {
        SpecException e = assertThrows(SpecException.class, () -> FAMILY.resolve("gm-c5-d3-sep2-n600-s5-lin-adam-b64-e8"));
        assertTrue(e.getMessage().startsWith("task name 'gm-c5-d3-sep2-n600-s5-lin-adam-b64-e8': gaussian-mixture: "
                + "dimension must be >= classes (5)"), e.getMessage());
        assertTrue(assertThrows(SpecException.class, () -> FAMILY.resolve("gm-c5-d30-sep2-n600-s5-rnn4-adam-b64-e8"))
                .getMessage().contains("'rnn4' is not a model"));
    }
}
