package dev.psi.lab.surface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LognormalWalkTest {

    private static double[] rates(SamplingMode.Walk mode, double start, long seed, int count) {
        LognormalWalk walk = new LognormalWalk(mode, start, seed);
        double[] rates = new double[count];
        for (int i = 0; i < count; i++) {
            rates[i] = walk.next();
        }
        return rates;
    }

    @Test
    void theSeedFixesTheWalk() {
        SamplingMode.Walk mode = new SamplingMode.Walk(0.5, 1e-4, 3, OptionalDouble.empty());

        assertArrayEquals(rates(mode, 0.1, 7, 50), rates(mode, 0.1, 7, 50));
        assertNotEquals(rates(mode, 0.1, 7, 50)[1], rates(mode, 0.1, 8, 50)[1]);
    }

    @Test
    void eachStepMultipliesByALognormalDrawFromTheSeedsGenerator() {
        SamplingMode.Walk mode = new SamplingMode.Walk(0.3, 1e-9, 1e9, OptionalDouble.empty());
        double[] rates = rates(mode, 0.1, 11, 20);
        SplittableRandom random = new SplittableRandom(11);

        assertEquals(0.1, rates[0]);
        for (int i = 1; i < rates.length; i++) {
            assertEquals(rates[i - 1] * Math.exp(0.3 * random.nextGaussian()), rates[i], 1e-15 * rates[i]);
        }
    }

    @Test
    void logStepsHaveMeanZeroAndStandardDeviationSigma() {
        // Far from the bounds, ln(α_{i+1}/α_i) ~ N(0, σ²): over 20 000 steps the sample mean is within
        // 4 standard errors (4σ/√n ≈ 0.014) of 0 and the sample deviation within 3 % of σ.
        SamplingMode.Walk mode = new SamplingMode.Walk(0.5, 1e-300, 1e300, OptionalDouble.empty());
        double[] rates = rates(mode, 1, 3, 20_001);
        double sum = 0;
        double squares = 0;
        for (int i = 1; i < rates.length; i++) {
            double step = Math.log(rates[i] / rates[i - 1]);
            sum += step;
            squares += step * step;
        }
        int n = rates.length - 1;
        double mean = sum / n;
        assertEquals(0, mean, 0.014);
        assertEquals(0.5, Math.sqrt(squares / n - mean * mean), 0.015);
    }

    @Test
    void ratesStayWithinTheBounds() {
        SamplingMode.Walk mode = new SamplingMode.Walk(2, 0.01, 0.1, OptionalDouble.empty());
        double[] rates = rates(mode, 0.05, 5, 1000);
        int atBounds = 0;
        for (double rate : rates) {
            assertTrue(rate >= 0.01 && rate <= 0.1, "rate " + rate);
            atBounds += rate == 0.01 || rate == 0.1 ? 1 : 0;
        }
        assertTrue(atBounds > 100, "a wide walk in a narrow band must be clamped often: " + atBounds);
    }
}
