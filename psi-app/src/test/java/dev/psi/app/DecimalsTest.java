package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void ordinaryValuesPrintAsFixedPointDid() {
        for (double value : new double[] {0.50182, 0.40634, 14.89721, 0.0001, 1234.5, 0, -0.5}) {
            assertEquals(String.format(Locale.ROOT, "%.5f", value), Decimals.of(value, 5));
        }
    }

    @Test
    void hugeValuesPrintInScientificForm() {
        assertEquals("1.00e+27", Decimals.of(1e27, 4));
        assertEquals("5.086e+11", Decimals.of(5.0862e11, 5));
    }

    @Test
    void valuesBelowTheLastDecimalKeepTheirDigits() {
        assertEquals("1.23e-07", Decimals.of(1.234e-7, 4));
    }

    @Test
    void nonFiniteValuesPrintAsBefore() {
        assertEquals("NaN", Decimals.of(Double.NaN, 4));
        assertEquals("Infinity", Decimals.of(Double.POSITIVE_INFINITY, 4));
    }
}
