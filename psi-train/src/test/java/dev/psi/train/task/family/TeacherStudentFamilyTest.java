package dev.psi.train.task.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import dev.psi.train.data.DataShape;
import dev.psi.train.data.DataSplit;
import dev.psi.train.task.TaskSpec;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TeacherStudentFamilyTest {

    private static final TeacherStudentFamily FAMILY = new TeacherStudentFamily();

    @Test
    void theSameSeedGivesTheSameTaskAndOtherSeedsOthers() {
        assertEquals(FAMILY.generate(7), FAMILY.generate(7));
        Set<String> names = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            names.add(FAMILY.generate(seed).name());
        }
        assertEquals(20, names.size());
    }

    @Test
    void aNameResolvesToTheTaskItNames() {
        for (long seed = 0; seed < 20; seed++) {
            TaskSpec task = FAMILY.generate(seed);
            assertEquals(task, FAMILY.resolve(task.name()));
        }
    }

    @Test
    void explicitParametersGiveTheirTask() {
        TaskSpec task = FAMILY.resolve("ts-ce-i20-w32-d2-c4-ln0.1-n2000-s17-sgdm-b64-e12");

        assertEquals(Spec.parse("mlp(hidden=[64,64],activation=relu)"), task.model());
        assertEquals(Spec.parse("SGD(momentum=0.9)"), task.optimizer());
        assertEquals(64, task.batchSize());
        assertEquals(12, task.epochs());
        assertEquals(new DataShape(2000, 1000, new long[] {20}, 4), task.shape().orElseThrow());
        assertTrue(task.description().contains("20-32-32-4 tanh MLP, label noise 0.1"), task.description());
    }

    @Test
    void theTeacherLabelsAreReproducibleFromTheName() {
        TaskSpec task = FAMILY.resolve("ts-ce-i10-w16-d2-c3-n500-s4-adam-b32-e5");
        DataSplit first = task.load(0, 1);

        assertEquals(first, FAMILY.resolve(task.name()).load(0, 1));
        assertEquals(new DataShape(500, 1000, new long[] {10}, 3), first.shape());
        assertNotEquals(first.validation(), FAMILY.resolve("ts-ce-i10-w16-d2-c3-n500-s5-adam-b32-e5").load(0, 1)
                .validation());
    }

    @Test
    void squaredErrorTasksAreRegressionsWithTheirNoiseAsFloor() {
        TaskSpec task = FAMILY.resolve("ts-se-i10-w16-d1-sd0.3-n500-s4-sgd-b16-e4");

        assertEquals(0, task.shape().orElseThrow().numClasses());
        assertEquals(0.09, task.data().lossFloor().orElseThrow(), 1e-12);
        assertEquals(Loss.SQUARED_ERROR, Loss.of(task.shape().orElseThrow().numClasses()));
    }

    @Test
    void malformedOrNonCanonicalNamesSayWhatIsWrong() {
        assertTrue(assertThrows(SpecException.class, () -> FAMILY.resolve("ts-ce-i10-w16-d2-n500-s4-adam-b32-e5"))
                .getMessage().contains("expected c followed by a whole number, got 'n500'"));
        assertTrue(assertThrows(SpecException.class, () -> FAMILY.resolve("ts-ce-i10-w16-d2-c3-ln0-n500-s4-adam-b32-e5"))
                .getMessage().contains("is not canonical; the task it describes is named "
                        + "ts-ce-i10-w16-d2-c3-n500-s4-adam-b32-e5"));
        assertTrue(assertThrows(SpecException.class, () -> FAMILY.resolve("ts-ce-i10-w16-d2-c1-n500-s4-adam-b32-e5"))
                .getMessage().contains("classes must be >= 2"));
        assertTrue(assertThrows(SpecException.class, () -> FAMILY.resolve("ts-ce-i10-w16-d2-c3-n500-s4-rmsprop-b32-e5"))
                .getMessage().contains("'rmsprop' is not an optimizer; valid: sgd, sgdm, adam"));
        assertTrue(assertThrows(SpecException.class, () -> FAMILY.resolve("ts-ce-i10-w16-d2-c3-n500-s4-adam-b32-e5-x"))
                .getMessage().contains("'x' is one token too many"));
    }
}
