package dev.psi.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpiralsTest {

    private static final Spirals SPIRALS = new Spirals(3, 1.5, 0.05, 2000, 500, 9);

    @Test
    void hasItsShapes() {
        DataSplit split = SPIRALS.generate(0, 1);

        assertEquals(new DataShape(2000, 500, new long[] {2}, 3), split.shape());
        assertEquals(SPIRALS.shape(), split.shape());
        assertEquals(500, split.test().count());
    }

    @Test
    void isDeterministicBySeed() {
        assertEquals(SPIRALS.generate(0, 4), SPIRALS.generate(0, 4));
        assertNotEquals(SPIRALS.generate(0, 4).train(), SPIRALS.generate(0, 5).train());
        assertEquals(SPIRALS.generate(0, 4).validation(), SPIRALS.generate(0, 5).validation());
    }

    @Test
    void withoutNoiseEveryPointLiesOnItsArmWithinRadiusOne() {
        Spirals exact = new Spirals(4, 1.5, 0, 3000, 10, 1);
        Examples train = exact.generate(0, 2).train();
        for (int k = 0; k < train.count(); k++) {
            double x = train.features()[2 * k];
            double y = train.features()[2 * k + 1];
            double r = Math.hypot(x, y);
            assertTrue(r <= 1 + 1e-6, "radius " + r);
            if (r < 0.05) {
                continue;  // the angle of a point at the centre is float noise
            }
            // theta = 2 pi (turns r + k / c) modulo a turn: the class is the arm the angle points to.
            double arm = (Math.atan2(y, x) / (2 * Math.PI) - 1.5 * r) * 4;
            int label = (int) Math.floorMod(Math.round(arm), 4L);
            assertEquals((int) train.targets()[k], label, "point " + k + " at radius " + r);
        }
    }

    @Test
    void classesAreBalanced() {
        int[] counts = new int[3];
        for (float target : SPIRALS.generate(6000, 2).train().targets()) {
            counts[(int) target]++;
        }
        assertTrue(Arrays.stream(counts).allMatch(count -> count > 1850 && count < 2150), Arrays.toString(counts));
    }

    @Test
    void rejectsOneArm() {
        assertThrows(DataException.class, () -> new Spirals(1, 1, 0, 10, 10, 1));
        assertThrows(DataException.class, () -> new Spirals(2, 0, 0, 10, 10, 1));
    }
}
