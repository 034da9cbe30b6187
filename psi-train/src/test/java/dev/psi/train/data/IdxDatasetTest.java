package dev.psi.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IdxDatasetTest {

    private static final IdxOptions WITH_TEST_FILES = IdxOptions.withValidationFiles(
            Fixtures.file("train-images-idx3-ubyte.gz"), Fixtures.file("train-labels-idx1-ubyte.gz"),
            Fixtures.file("t10k-images-idx3-ubyte.gz"), Fixtures.file("t10k-labels-idx1-ubyte.gz"));

    @Test
    void validationFilesAreTheValidationPart() {
        DataSplit split = IdxDataset.load(WITH_TEST_FILES, 0, 1);

        assertEquals(new DataShape(Fixtures.TRAIN, Fixtures.TEST, new long[] {784}, 10), split.shape());
        assertArrayEquals(Fixtures.FIRST_TRAIN_LABELS, Arrays.copyOf(split.train().targets(), 10));
    }

    @Test
    void pixelsAreScaledToTheUnitInterval() {
        DataSplit split = IdxDataset.load(WITH_TEST_FILES, 0, 1);

        assertEquals(217f / 255, split.train().features()[14 * 28 + 14]);
    }

    @Test
    void imageLayoutIsChannelsFirst() {
        DataSplit split = IdxDataset.load(WITH_TEST_FILES.withLayout(ImageLayout.IMAGE), 0, 1);

        assertArrayEquals(new long[] {1, 28, 28}, split.train().featureShape());
    }

    @Test
    void fractionIsHeldOutOfTheTrainingFiles() {
        IdxOptions options = IdxOptions.heldOut(Fixtures.file("train-images-idx3-ubyte.gz"),
                Fixtures.file("train-labels-idx1-ubyte.gz"), 0.1);

        DataSplit split = IdxDataset.load(options, 0, 1);

        assertEquals(1800, split.train().count());
        assertEquals(200, split.validation().count());
    }
}
