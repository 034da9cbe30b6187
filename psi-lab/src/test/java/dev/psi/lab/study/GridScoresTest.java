package dev.psi.lab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.lab.study.GridScores.Config;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The calibrated scale and the learned list, from hand-made grids whose answers follow from AlgoPerf's score. */
class GridScoresTest {

    private static final double NEVER = Double.POSITIVE_INFINITY;
    private static final List<Config> CONFIGS = List.of(new Config(Method.COSINE, 0.1), new Config(Method.COSINE, 1),
            new Config(Method.COSINE, 10), new Config(Method.CONSTANT, 1));

    @Test
    void calibratedScaleHasTheBestMeanScoreAmongTheMethodsOwnScales() {
        // Task 0: cosine's ratios ∞, 2, 1 score 0, 2/3, 1; task 1: ∞, 1, 4 score 0, 1, 0. Means 0, 5/6, 1/2.
        // Constant, faster on both, is not compared: it is another method.
        double[][] times = {{NEVER, 100, 50, 10}, {NEVER, 100, 400, 10}};
        double[][] losses = {{1, 1, 1, 1}, {1, 1, 1, 1}};
        assertEquals(1.0, new GridScores(CONFIGS, times, losses).calibratedScale(Method.COSINE));
    }

    @Test
    void whenNoScaleReachesTheTargetTheLowestRelativeLossWins() {
        double[][] times = {{NEVER, NEVER, NEVER, 10}, {NEVER, NEVER, NEVER, 10}};
        // Relative losses: 0.1 → (2 + 1)/2, 1 → (1 + 2)/2, 10 → (1.5 + 1.5)/2 = 1.5 each: the first of them wins.
        double[][] losses = {{0.5, 0.25, 0.375, 0.1}, {0.25, 0.5, 0.375, 0.1}};
        assertEquals(0.1, new GridScores(CONFIGS, times, losses).calibratedScale(Method.COSINE));
        double[][] lossesWithAWinner = {{0.5, 0.25, 0.3125, 0.1}, {0.25, 0.5, 0.3125, 0.1}};
        assertEquals(10.0, new GridScores(CONFIGS, times, lossesWithAWinner).calibratedScale(Method.COSINE));
    }

    @Test
    void learnedListComparesEveryConfiguration() {
        // Scores: task 0 (best 10): cosine×1 0, cosine×10 (r = 3) 1/3, constant 1; task 1 (best 20):
        // cosine×1 1, cosine×10 0, constant (r = 2) 2/3. Constant has the best mean; after it, cosine×1 lifts task 1
        // to 1 while cosine×10 adds nothing.
        double[][] times = {{NEVER, 100, 30, 10}, {NEVER, 20, 400, 40}};
        double[][] losses = {{1, 1, 1, 1}, {1, 1, 1, 1}};
        List<Config> list = new GridScores(CONFIGS, times, losses).learnedList(2);
        assertEquals(List.of(new Config(Method.CONSTANT, 1), new Config(Method.COSINE, 1)), list);
    }

    @Test
    void aMethodOffTheGridHasNoCalibratedScale() {
        double[][] times = {{1, 1, 1, 1}};
        assertThrows(IllegalArgumentException.class,
                () -> new GridScores(CONFIGS, times, times).calibratedScale(Method.ADAM));
    }

    @Test
    void onlyFixedMethodsHaveAScale() {
        assertThrows(IllegalArgumentException.class, () -> new Config(Method.PBT, 1));
    }
}
