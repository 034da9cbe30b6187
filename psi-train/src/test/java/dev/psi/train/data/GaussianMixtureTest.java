package dev.psi.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {

    private static final GaussianMixture MIXTURE = new GaussianMixture(5, 20, 3, 2000, 500, 11);

    @Test
    void hasItsShapes() {
        DataSplit split = MIXTURE.generate(0, 1);

        assertEquals(new DataShape(2000, 500, new long[] {20}, 5), split.shape());
        assertEquals(MIXTURE.shape(), split.shape());
        assertEquals(500, split.test().count());
        assertEquals(300, MIXTURE.generate(300, 1).train().count());
    }

    @Test
    void isDeterministicBySeed() {
        assertEquals(MIXTURE.generate(0, 4), MIXTURE.generate(0, 4));
        assertNotEquals(MIXTURE.generate(0, 4).train(), MIXTURE.generate(0, 5).train());
        assertEquals(MIXTURE.generate(0, 4).validation(), MIXTURE.generate(0, 5).validation());
        assertNotEquals(MIXTURE.generate(0, 4).validation(),
                new GaussianMixture(5, 20, 3, 2000, 500, 12).generate(0, 4).validation());
    }

    @Test
    void meansArePairwiseTheSeparationApart() {
        double[][] means = MIXTURE.means();
        for (int a = 0; a < 5; a++) {
            for (int b = a + 1; b < 5; b++) {
                double squared = 0;
                for (int j = 0; j < 20; j++) {
                    squared += (means[a][j] - means[b][j]) * (means[a][j] - means[b][j]);
                }
                assertEquals(3, Math.sqrt(squared), 1e-9);
            }
        }
    }

    @Test
    void classesAreBalanced() {
        int[] counts = new int[5];
        for (float target : MIXTURE.generate(5000, 2).train().targets()) {
            counts[(int) target]++;
        }
        assertTrue(Arrays.stream(counts).allMatch(count -> count > 900 && count < 1100), Arrays.toString(counts));
    }

    @Test
    void aLinearClassifierIsNearlyPerfectOnWellSeparatedClasses() {
        GaussianMixture separated = new GaussianMixture(4, 10, 8, 10, 2000, 3);
        Examples validation = separated.generate(0, 1).validation();
        double[][] means = separated.means();
        int correct = 0;
        for (int k = 0; k < validation.count(); k++) {
            // Nearest mean: argmax_c (mu_c . x - |mu_c|^2 / 2), a linear classifier (the Bayes-optimal one here).
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 4; c++) {
                double score = 0;
                for (int j = 0; j < 10; j++) {
                    score += means[c][j] * validation.features()[k * 10 + j] - means[c][j] * means[c][j] / 2;
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            correct += best == (int) validation.targets()[k] ? 1 : 0;
        }
        // Bayes error per pair is Phi(-4) = 3e-5.
        assertTrue(correct >= 1995, "correct " + correct);
    }

    @Test
    void rejectsFewerDimensionsThanClasses() {
        DataException e = assertThrows(DataException.class, () -> new GaussianMixture(5, 4, 1, 10, 10, 1));
        assertTrue(e.getMessage().contains("dimension must be >= classes (5)"), e.getMessage());
        assertThrows(DataException.class, () -> new GaussianMixture(2, 4, 0, 10, 10, 1));
    }
}
