package dev.psi.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticTaskTest {

    private static final TeacherStudent TEACHER = TeacherStudent.defaults();
    private static final NoisyQuadratic QUADRATIC = NoisyQuadratic.defaults();

    @Test
    void teacherStudentHasItsDefaultSizes() {
        DataSplit split = TEACHER.generate(0, 1);

        assertEquals(new DataShape(8000, 2000, new long[] {20}, 4), split.shape());
        assertEquals(TEACHER.shape(), split.shape());
    }

    @Test
    void teacherStudentIsDeterministic() {
        assertEquals(TEACHER.generate(0, 3), TEACHER.generate(0, 3));
    }

    @Test
    void teacherStudentTrainingExamplesDependOnTheTrialSeed() {
        assertNotEquals(TEACHER.generate(0, 3).train(), TEACHER.generate(0, 4).train());
    }

    @Test
    void teacherStudentValidationIsFixedByTheTaskSeed() {
        assertEquals(TEACHER.generate(0, 3).validation(), TEACHER.generate(0, 4).validation());
    }

    @Test
    void teacherStudentTaskSeedChangesTheTeacher() {
        TeacherStudent other = new TeacherStudent(20, 32, 4, 8000, 2000, 4);

        assertNotEquals(Arrays.toString(TEACHER.generate(0, 3).train().targets()),
                Arrays.toString(other.generate(0, 3).train().targets()));
    }

    @Test
    void teacherStudentClassesAreCloseToBalanced() {
        int[] counts = new int[4];
        for (float target : TEACHER.generate(0, 1).train().targets()) {
            counts[(int) target]++;
        }

        assertTrue(Arrays.stream(counts).allMatch(count -> count >= 1840 && count <= 2160), Arrays.toString(counts));
    }

    @Test
    void smallerTrainingSetIsAPrefixOfTheLargerOne() {
        Examples small = TEACHER.generate(100, 9).train();
        Examples large = TEACHER.generate(0, 9).train();

        assertEquals(large.subset(java.util.stream.IntStream.range(0, 100).toArray()), small);
    }

    @Test
    void teacherStudentNeedsTwoClasses() {
        DataException e = assertThrows(DataException.class, () -> new TeacherStudent(20, 32, 1, 10, 10, 1));

        assertEquals("teacher-student: classes must be >= 2 (or 0 for a regression), got 1", e.getMessage());
    }

    @Test
    void noisyQuadraticIsRegression() {
        DataSplit split = QUADRATIC.generate(0, 1);

        assertEquals(new DataShape(8000, 2000, new long[] {50}, 0), split.shape());
    }

    @Test
    void noisyQuadraticIsDeterministic() {
        assertEquals(QUADRATIC.generate(0, 3), QUADRATIC.generate(0, 3));
    }

    @Test
    void noisyQuadraticTrainingExamplesDependOnTheTrialSeed() {
        assertNotEquals(QUADRATIC.generate(0, 3).train(), QUADRATIC.generate(0, 4).train());
    }

    @Test
    void curvaturesSpanTheGivenDecades() {
        double[] h = QUADRATIC.curvatures();

        assertEquals(1.0, h[0]);
        assertEquals(0.01, h[49], 1e-15);
        assertEquals(Math.pow(10, -2.0 / 49), h[1], 1e-15);
    }

    @Test
    void inputVarianceFollowsTheCurvatures() {
        Examples train = QUADRATIC.generate(0, 1).train();

        assertEquals(1.0, variance(train, 0), 0.05);
        assertEquals(0.01, variance(train, 49), 0.0005);
    }

    @Test
    void lossAtTheOptimumIsTheNoiseVariance() {
        Examples train = QUADRATIC.generate(0, 1).train();
        double[] w = QUADRATIC.optimum();

        double sum = 0;
        for (int k = 0; k < train.count(); k++) {
            double prediction = 0;
            for (int i = 0; i < 50; i++) {
                prediction += w[i] * train.features()[k * 50 + i];
            }
            double residual = train.targets()[k] - prediction;
            sum += residual * residual;
        }

        assertEquals(0.25, sum / train.count(), 0.01);
    }

    @Test
    void noisyQuadraticRejectsNegativeNoise() {
        DataException e = assertThrows(DataException.class, () -> new NoisyQuadratic(50, 2, -1, 10, 10, 1));

        assertEquals("noisy-quadratic: noise must be a finite number >= 0, got -1.0", e.getMessage());
    }

    @Test
    void teacherStudentDataIsPinned() {
        // Pins the generator: changing it would silently change every stored teacher-student study.
        DataSplit split = TEACHER.generate(0, 1);

        assertArrayEquals(new float[] {1, 3, 1, 0}, Arrays.copyOf(split.train().targets(), 4));
        assertEquals(1.0784965f, split.train().features()[0]);
    }

    @Test
    void noisyQuadraticDataIsPinned() {
        // Pins the generator: changing it would silently change every stored noisy-quadratic study.
        assertEquals(-3.6943681f, QUADRATIC.generate(0, 1).train().targets()[0]);
    }

    private static double variance(Examples examples, int feature) {
        int size = examples.featureSize();
        double sum = 0;
        double squares = 0;
        for (int k = 0; k < examples.count(); k++) {
            double x = examples.features()[k * size + feature];
            sum += x;
            squares += x * x;
        }
        double mean = sum / examples.count();
        return squares / examples.count() - mean * mean;
    }
}
