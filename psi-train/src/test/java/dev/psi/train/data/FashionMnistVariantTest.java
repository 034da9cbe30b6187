package dev.psi.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Variants of Fashion-MNIST on the committed fixture (2000 training, 500 test images). */
class FashionMnistVariantTest {

    private static DataSplit load(ImageLayout layout, FashionMnistVariant variant, int trainSize, long seed) {
        return FashionMnist.load(Fixtures.fmnistSmall(), new FashionMnistOptions(trainSize, 0, seed, layout, variant));
    }

    @Test
    void theStandardVariantLoadsExactlyAsBeforeVariantsExisted() {
        DataSplit split = FashionMnist.load(Fixtures.fmnistSmall(), new FashionMnistOptions(500, 0, 5, ImageLayout.IMAGE));

        // Hashes of the parts as the loader gave them before variants were added.
        assertEquals(-1693465325, split.train().hashCode());
        assertEquals(190267230, split.validation().hashCode());
        assertEquals(501062019, split.test().hashCode());
        assertEquals(split, load(ImageLayout.IMAGE, FashionMnistVariant.STANDARD, 500, 5));
    }

    @Test
    void aPairOfClassesKeepsTheirExamplesRelabelledInOrder() {
        Examples all = load(ImageLayout.FLAT, FashionMnistVariant.STANDARD, 0, 1).test();
        Examples pair = load(ImageLayout.FLAT, variant(List.of(7, 2), 28, 0, 0, 0, 0), 0, 1).test();

        List<Integer> rows = new ArrayList<>();
        for (int k = 0; k < all.count(); k++) {
            if (all.targets()[k] == 7 || all.targets()[k] == 2) {
                rows.add(k);
            }
        }
        Examples expected = all.subset(rows.stream().mapToInt(Integer::intValue).toArray());
        assertEquals(2, pair.numClasses());
        assertArrayEquals(expected.features(), pair.features());
        for (int k = 0; k < pair.count(); k++) {
            assertEquals(expected.targets()[k] == 7 ? 0 : 1, pair.targets()[k]);
        }
    }

    @Test
    void halfResolutionAveragesBlocksOfFourPixels() {
        Examples full = load(ImageLayout.IMAGE, FashionMnistVariant.STANDARD, 0, 1).test();
        Examples half = load(ImageLayout.IMAGE, variant(FashionMnistVariant.STANDARD.classes(), 14, 0, 0, 0, 0), 0, 1)
                .test();

        assertArrayEquals(new long[] {1, 14, 14}, half.featureShape());
        float[] x = full.features();
        for (int[] at : new int[][] {{0, 0}, {7, 7}, {13, 5}}) {
            int r = at[0];
            int c = at[1];
            double mean = (x[2 * r * 28 + 2 * c] + x[2 * r * 28 + 2 * c + 1] + x[(2 * r + 1) * 28 + 2 * c]
                    + x[(2 * r + 1) * 28 + 2 * c + 1]) / 4;
            assertEquals(mean, half.features()[r * 14 + c], 1e-5);
        }
        assertEquals(49, load(ImageLayout.FLAT, variant(List.of(0, 1), 7, 0, 0, 0, 0), 0, 1).test().featureSize());
    }

    @Test
    void labelNoiseChangesThatFractionOfTrainingLabelsOnly() {
        FashionMnistVariant clean = variant(FashionMnistVariant.STANDARD.classes(), 28, 0, 0, 200, 100);
        FashionMnistVariant noisy = variant(FashionMnistVariant.STANDARD.classes(), 28, 0.3, 0, 200, 100);
        DataSplit a = load(ImageLayout.FLAT, clean, 1000, 3);
        DataSplit b = load(ImageLayout.FLAT, noisy, 1000, 3);

        assertArrayEquals(a.train().features(), b.train().features());
        int changed = 0;
        for (int k = 0; k < 1000; k++) {
            changed += a.train().targets()[k] != b.train().targets()[k] ? 1 : 0;
        }
        assertTrue(changed > 240 && changed < 360, "changed " + changed);
        assertEquals(a.validation(), b.validation());
        assertEquals(a.test(), b.test());
    }

    @Test
    void validationAndTestAreFixedSubsetsTheTrainingSubsetFollowsTheSeed() {
        FashionMnistVariant variant = variant(List.of(0, 6), 14, 0, 150, 60, 40);
        DataSplit one = load(ImageLayout.FLAT, variant, 0, 1);
        DataSplit two = load(ImageLayout.FLAT, variant, 0, 2);

        assertEquals(new DataShape(150, 60, new long[] {196}, 2), one.shape());
        assertEquals(40, one.test().count());
        assertEquals(one.validation(), two.validation());
        assertEquals(one.test(), two.test());
        assertNotEquals(one.train(), two.train());
        assertEquals(load(ImageLayout.FLAT, variant, 0, 1), one);
    }

    @Test
    void rejectsBadVariants() {
        assertTrue(assertThrows(DataException.class, () -> variant(List.of(3), 28, 0, 0, 0, 0)).getMessage()
                .contains("at least 2 distinct labels in 0..9"));
        assertThrows(DataException.class, () -> variant(List.of(3, 3), 28, 0, 0, 0, 0));
        assertThrows(DataException.class, () -> variant(List.of(3, 10), 28, 0, 0, 0, 0));
        assertTrue(assertThrows(DataException.class, () -> variant(List.of(1, 2), 20, 0, 0, 0, 0)).getMessage()
                .contains("one of 28, 14, 7"));
        assertThrows(DataException.class, () -> variant(List.of(1, 2), 28, 1, 0, 0, 0));
        DataException tooMany = assertThrows(DataException.class,
                () -> load(ImageLayout.FLAT, variant(List.of(1, 2), 28, 0, 0, 0, 5000), 0, 1));
        assertTrue(tooMany.getMessage().contains("Fashion-MNIST classes [1, 2]"), tooMany.getMessage());
    }

    @Test
    void describesWhatItChanges() {
        assertEquals("classes 3 vs 5, 14x14, label noise 0.1, 2000/1000/all train/val/test",
                variant(List.of(3, 5), 14, 0.1, 2000, 1000, 0).describe());
        assertTrue(FashionMnistVariant.STANDARD.standard());
        assertEquals(Arrays.asList(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), FashionMnistVariant.STANDARD.classes());
    }

    private static FashionMnistVariant variant(List<Integer> classes, int resolution, double noise, int train, int val,
            int test) {
        return new FashionMnistVariant(classes, resolution, noise, train, val, test);
    }
}
