package dev.psi.lab.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SamplingSummaryTest {

    @Test
    void namedPartsLandInTheirComponents() {
        SamplingSummary summary = SamplingSummary.trained(2, 15, 12).withRestarted(1).withOracle(3, 9);
        assertEquals(new SamplingSummary(2, 0, 1, 15, 12, 3, 9), summary);
        assertEquals(new SamplingSummary(0, 4, 0, 0, 0, 0, 0), SamplingSummary.skipped(4));
    }

    @Test
    void nothingTrainedIsTheEmptySummary() {
        assertEquals(SamplingSummary.EMPTY, SamplingSummary.trained(0, 0, 0));
        assertEquals(SamplingSummary.EMPTY, SamplingSummary.skipped(0));
    }
}
