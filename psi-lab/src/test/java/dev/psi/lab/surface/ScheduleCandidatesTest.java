package dev.psi.lab.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ScheduleCandidatesTest {

    private static SamplingMode.Schedules mode(int count, int knots) {
        return new SamplingMode.Schedules(count, knots, OptionalDouble.empty(), OptionalDouble.empty());
    }

    @Test
    void theSameSeedDrawsTheSameSchedulesAndAnotherSeedOthers() {
        List<LogLinearSchedule> first = ScheduleCandidates.draw(mode(30, 4), 0.01, 1, 12, 7);

        assertEquals(first, ScheduleCandidates.draw(mode(30, 4), 0.01, 1, 12, 7));
        assertNotEquals(first, ScheduleCandidates.draw(mode(30, 4), 0.01, 1, 12, 8));
        assertEquals(30, first.size());
        assertTrue(first.stream().allMatch(s -> s.rates().size() == 4 && s.epochs() == 12));
    }

    @Test
    void knotRatesFillTheRangeLogUniformly() {
        List<LogLinearSchedule> schedules = ScheduleCandidates.draw(mode(64, 3), 0.01, 1, 10, 1);
        for (int k = 0; k < 3; k++) {
            int knot = k;
            List<Double> rates = schedules.stream().map(s -> s.rates().get(knot)).sorted().toList();
            assertTrue(rates.get(0) >= 0.01 && rates.get(rates.size() - 1) < 1);
            // A quarter of the points in each quarter of ln α, to within two (a low-discrepancy sequence).
            for (int quarter = 0; quarter < 4; quarter++) {
                double from = 0.01 * Math.pow(100, quarter / 4.0);
                double to = 0.01 * Math.pow(100, (quarter + 1) / 4.0);
                long inside = rates.stream().filter(r -> r >= from && r < to).count();
                assertEquals(16, inside, 2, "knot " + knot + ", quarter " + quarter);
            }
        }
    }

    @Test
    void oneKnotSpreadsConstantRatesEvenly() {
        List<Double> rates = ScheduleCandidates.draw(mode(32, 1), 0.1, 3, 5, 1).stream().map(s -> s.rates().get(0))
                .sorted().toList();
        double step = Math.log(30) / 32;
        for (int k = 1; k < rates.size(); k++) {
            assertEquals(step, Math.log(rates.get(k) / rates.get(k - 1)), 1e-9);
        }
    }

    @Test
    void radicalInversesMirrorTheDigits() {
        assertEquals(0.5, ScheduleCandidates.radicalInverse(1, 2));
        assertEquals(0.25, ScheduleCandidates.radicalInverse(2, 2));
        assertEquals(0.75, ScheduleCandidates.radicalInverse(3, 2));
        assertEquals(1.0 / 3 + 1.0 / 9, ScheduleCandidates.radicalInverse(4, 3), 1e-15);
    }
}
