package dev.psi.lab.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogLinearScheduleTest {

    @Test
    void knotsSitEvenlyOverTheBudgetAndRatesBetweenThemAreGeometric() {
        // Four knots over 10 epochs: at epochs 0, 3, 6 and 9.
        LogLinearSchedule schedule = new LogLinearSchedule(List.of(0.1, 0.8, 0.8, 0.0008), 10);

        assertEquals(0.1, schedule.rate(0), 1e-15);
        assertEquals(0.2, schedule.rate(1), 1e-15);
        assertEquals(0.4, schedule.rate(2), 1e-15);
        assertEquals(0.8, schedule.rate(3), 1e-15);
        assertEquals(0.8, schedule.rate(5), 1e-15);
        assertEquals(0.08, schedule.rate(7), 1e-15);
        assertEquals(0.0008, schedule.rate(9), 1e-15);
        assertEquals(0.0008, schedule.rate(12), 1e-15);
        assertEquals("[0.1,0.8,0.8,0.0008]", schedule.toString());
    }

    @Test
    void oneKnotOrOneEpochIsAConstantRate() {
        LogLinearSchedule constant = new LogLinearSchedule(List.of(0.3), 5);
        assertEquals(0.3, constant.rate(0));
        assertEquals(0.3, constant.rate(4));
        assertEquals(0.5, new LogLinearSchedule(List.of(0.5, 0.1), 1).rate(0));
    }

    @Test
    void badKnotsAreRefused() {
        assertEquals("a schedule needs at least one knot",
                assertThrows(IllegalArgumentException.class, () -> new LogLinearSchedule(List.of(), 3)).getMessage());
        assertEquals("a knot rate must be a positive number, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> new LogLinearSchedule(List.of(0.1, 0.0), 3)).getMessage());
        assertEquals("a schedule needs an epoch budget >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new LogLinearSchedule(List.of(0.1), 0)).getMessage());
    }
}
