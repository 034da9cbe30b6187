package dev.psi.core.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Metric directions and words. */
class MetricTest {

    @Test
    void accuracyIsReachedFromBelowAndLossFromAbove() {
        assertTrue(Metric.VAL_ACCURACY.reaches(0.9, 0.8));
        assertFalse(Metric.VAL_ACCURACY.reaches(0.7, 0.8));
        assertTrue(Metric.VAL_LOSS.reaches(0.2, 0.3));
        assertFalse(Metric.VAL_LOSS.reaches(0.4, 0.3));
    }

    @Test
    void wordsRoundTrip() {
        assertEquals("val_accuracy", Metric.VAL_ACCURACY.word());
        assertEquals(Metric.VAL_LOSS, Metric.ofWord("val_loss"));
        assertThrows(IllegalArgumentException.class, () -> Metric.ofWord("accuracy"));
    }

    @Test
    void aTargetMustBeFinite() {
        assertThrows(IllegalArgumentException.class, () -> new Target(Metric.VAL_LOSS, Double.NaN));
    }

    @Test
    void aTargetReadsAsItsCondition() {
        assertEquals("val_accuracy >= 0.85", new Target(Metric.VAL_ACCURACY, 0.85).toString());
        assertEquals("val_loss <= 0.3", new Target(Metric.VAL_LOSS, 0.3).toString());
    }

    @Test
    void aTargetIsReachedWhenEqualAndNeverByNaN() {
        Target accuracy = new Target(Metric.VAL_ACCURACY, 0.85);
        assertTrue(accuracy.reachedBy(0.85));
        assertFalse(accuracy.reachedBy(Double.NaN));
        assertTrue(new Target(Metric.VAL_LOSS, 0.3).reachedBy(0.3));
    }
}
