package dev.psi.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The deeper, noisy and regression teachers; the classic setting is pinned in {@link SyntheticTaskTest}. */
class TeacherStudentTest {

    @Test
    void theSixArgumentFormIsTheClassicSetting() {
        assertEquals(new TeacherStudent(20, 32, 1, 4, 0, 8000, 2000, 3), TeacherStudent.defaults());
        assertEquals("teacher-student: N(0, I) inputs labelled by a random 20-32-4 tanh MLP",
                TeacherStudent.defaults().describe());
    }

    @Test
    void aDeeperTeacherKeepsTheInputsAndChangesTheLabels() {
        DataSplit shallow = new TeacherStudent(10, 16, 1, 4, 0, 500, 100, 7).generate(0, 1);
        DataSplit deep = new TeacherStudent(10, 16, 3, 4, 0, 500, 100, 7).generate(0, 1);

        assertArrayEquals(shallow.train().features(), deep.train().features());
        assertNotEquals(Arrays.toString(shallow.train().targets()), Arrays.toString(deep.train().targets()));
        assertEquals("teacher-student: N(0, I) inputs labelled by a random 10-16-16-16-4 tanh MLP",
                new TeacherStudent(10, 16, 3, 4, 0, 500, 100, 7).describe());
    }

    @Test
    void teacherLabelsAreReproducible() {
        TeacherStudent task = new TeacherStudent(10, 16, 2, 3, 0.1, 500, 100, 7);

        assertEquals(task.generate(0, 4), task.generate(0, 4));
        assertEquals(new TeacherStudent(10, 16, 2, 3, 0.1, 500, 100, 7).generate(0, 4), task.generate(0, 4));
    }

    @Test
    void labelNoiseReplacesThatFractionOfTrainingLabelsOnly() {
        TeacherStudent clean = new TeacherStudent(10, 16, 1, 4, 0, 4000, 500, 7);
        TeacherStudent noisy = new TeacherStudent(10, 16, 1, 4, 0.2, 4000, 500, 7);
        DataSplit a = clean.generate(0, 2);
        DataSplit b = noisy.generate(0, 2);

        assertArrayEquals(a.train().features(), b.train().features());
        int changed = 0;
        for (int k = 0; k < 4000; k++) {
            changed += a.train().targets()[k] != b.train().targets()[k] ? 1 : 0;
        }
        assertTrue(changed > 0.2 * 4000 - 100 && changed < 0.2 * 4000 + 100, "changed " + changed);
        assertEquals(a.validation(), b.validation());
        assertEquals(a.test(), b.test());
        assertTrue(noisy.lossFloor().isEmpty());
    }

    @Test
    void regressionTargetsAreTheTeachersOutputPlusNoise() {
        TeacherStudent exact = new TeacherStudent(10, 16, 2, 0, 0, 2000, 500, 7);
        TeacherStudent noisy = new TeacherStudent(10, 16, 2, 0, 0.5, 2000, 500, 7);
        DataSplit a = exact.generate(0, 3);
        DataSplit b = noisy.generate(0, 3);

        assertEquals(new DataShape(2000, 500, new long[] {10}, 0), a.shape());
        assertArrayEquals(a.train().features(), b.train().features());
        double squared = 0;
        for (int k = 0; k < 2000; k++) {
            double d = b.train().targets()[k] - a.train().targets()[k];
            squared += d * d;
        }
        // The noise is what separates the two; its mean square is the loss floor, 0.25.
        assertEquals(0.25, squared / 2000, 0.03);
        assertEquals(0.25, noisy.lossFloor().orElseThrow(), 1e-12);
        assertEquals(0, exact.lossFloor().orElseThrow());
    }

    @Test
    void rejectsOneClassAndLabelNoiseOfOne() {
        assertTrue(assertThrows(DataException.class, () -> new TeacherStudent(10, 16, 1, 1, 0, 10, 10, 1))
                .getMessage().contains("classes must be >= 2 (or 0 for a regression)"));
        assertTrue(assertThrows(DataException.class, () -> new TeacherStudent(10, 16, 1, 4, 1, 10, 10, 1))
                .getMessage().contains("label noise must be a fraction in [0, 1)"));
        assertThrows(DataException.class, () -> new TeacherStudent(10, 16, 0, 4, 0, 10, 10, 1));
    }
}
