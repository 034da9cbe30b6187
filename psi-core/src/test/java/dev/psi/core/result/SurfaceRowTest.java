package dev.psi.core.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.controller.TaskFeatures;
import org.junit.jupiter.api.Test;

class SurfaceRowTest {

    private static final TaskFeatures TASK = new TaskFeatures(1000, 50, 64, "SGD");
    private static final SurfaceRow ROW = new SurfaceRow(3, "s", "t", SurfaceRow.HORIZON, TASK, 5, 2.0, 1, 1.5, 1.6,
            0.1, 1.2, Math.log(1.5 / 1.2), 1.3, 0.6);

    @Test
    void withLrChangesTheRateAndNothingElse() {
        SurfaceRow relative = ROW.withLr(0.025);

        assertEquals(new SurfaceRow(3, "s", "t", SurfaceRow.HORIZON, TASK, 5, 2.0, 1, 1.5, 1.6, 0.025, 1.2,
                Math.log(1.5 / 1.2), 1.3, 0.6), relative);
    }

    @Test
    void withKindChangesTheKindAndNothingElse() {
        assertEquals(new SurfaceRow(3, "s", "t", SurfaceRow.BRANCH, TASK, 5, 2.0, 1, 1.5, 1.6, 0.1, 1.2,
                Math.log(1.5 / 1.2), 1.3, 0.6), ROW.withKind(SurfaceRow.BRANCH));
    }

    @Test
    void lossRatioIsTheStartLossOverTheFirst() {
        assertEquals(0.75, ROW.lossRatio());
    }

    @Test
    void aRowNeedsItsTaskFeaturesAKindAndAFiniteRate() {
        assertThrows(NullPointerException.class, () -> new SurfaceRow(3, "s", "t", "walk", null, 5, 2.0, 1, 1.5, 1.6,
                0.1, 1.2, 0.2, 1.3, 0.6));
        assertThrows(IllegalArgumentException.class, () -> new SurfaceRow(3, "s", "t", " ", TASK, 5, 2.0, 1, 1.5, 1.6,
                0.1, 1.2, 0.2, 1.3, 0.6));
        assertThrows(IllegalArgumentException.class, () -> ROW.withLr(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ROW.withLr(Double.POSITIVE_INFINITY));
    }
}
