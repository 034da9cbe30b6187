package dev.psi.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    @Test
    void readsImageDimensionsOfTheFixture() {
        Idx.Images images = Idx.readImages(Fixtures.file("train-images-idx3-ubyte.gz"));

        assertEquals(Fixtures.TRAIN, images.count());
        assertEquals(28, images.rows());
        assertEquals(28, images.columns());
        assertEquals(Fixtures.TRAIN * 784, images.pixels().length);
    }

    @Test
    void readsAKnownPixel() {
        Idx.Images images = Idx.readImages(Fixtures.file("train-images-idx3-ubyte.gz"));

        assertEquals(Fixtures.PIXEL_0_14_14, images.pixels()[14 * 28 + 14] & 0xFF);
    }

    @Test
    void readsTheFirstLabels() {
        byte[] labels = Idx.readLabels(Fixtures.file("train-labels-idx1-ubyte.gz"));

        assertEquals(Fixtures.TRAIN, labels.length);
        assertArrayEquals(new byte[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, Arrays.copyOf(labels, 10));
    }

    @Test
    void plainAndGzippedFilesReadTheSame() {
        Path plain = Fixtures.write(dir.resolve("images.gz"), Fixtures.gunzip("t10k-images-idx3-ubyte.gz"));

        Idx.Images fromPlain = Idx.readImages(plain);
        Idx.Images fromGzip = Idx.readImages(Fixtures.file("t10k-images-idx3-ubyte.gz"));

        assertEquals(fromGzip.count(), fromPlain.count());
        assertArrayEquals(fromGzip.pixels(), fromPlain.pixels());
    }

    @Test
    void truncatedPlainFileSaysHowManyBytesAreMissing() {
        byte[] whole = Fixtures.gunzip("t10k-images-idx3-ubyte.gz");
        Path file = Fixtures.write(dir.resolve("t10k-images-idx3-ubyte"), Arrays.copyOf(whole, 16 + 1234));

        DataException e = assertThrows(DataException.class, () -> Idx.readImages(file));

        assertEquals(file + " is truncated: expected 392000 pixel bytes, found 1234", e.getMessage());
    }

    @Test
    void truncatedGzipFileIsReportedAsTruncated() {
        byte[] gzip = Fixtures.bytes("t10k-images-idx3-ubyte.gz");
        Path file = Fixtures.write(dir.resolve("t10k-images-idx3-ubyte.gz"), Arrays.copyOf(gzip, gzip.length / 2));

        DataException e = assertThrows(DataException.class, () -> Idx.readImages(file));

        assertTrue(e.getMessage().startsWith(file + " is truncated: expected 392000 pixel bytes, found "), e.getMessage());
    }

    @Test
    void truncatedHeaderIsReported() {
        Path file = Fixtures.write(dir.resolve("short"), new byte[] {0, 0, 8, 3, 0, 0});

        DataException e = assertThrows(DataException.class, () -> Idx.readImages(file));

        assertEquals(file + " is truncated: expected a 16-byte header, found 6 bytes", e.getMessage());
    }

    @Test
    void badMagicNumberIsReported() {
        Path file = Fixtures.write(dir.resolve("images.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4});

        DataException e = assertThrows(DataException.class, () -> Idx.readImages(file));

        assertEquals(file + " is not an IDX file: it starts with 0x89 0x50 0x4E 0x47, expected 0x00 0x00 0x08 0x03 "
                + "(or a gzip of such a file)", e.getMessage());
    }

    @Test
    void otherDataTypesAreRejected() {
        Path file = Fixtures.write(dir.resolve("floats"), new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0});

        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(file));

        assertEquals(file + " holds IDX data type 0x0D; only unsigned bytes (0x08) are supported", e.getMessage());
    }

    @Test
    void labelsFileGivenForImagesIsRejected() {
        DataException e = assertThrows(DataException.class,
                () -> Idx.readImages(Fixtures.file("t10k-labels-idx1-ubyte.gz")));

        assertEquals(Fixtures.file("t10k-labels-idx1-ubyte.gz") + " has 1 dimensions; expected 3 (images: count, rows, "
                + "columns)", e.getMessage());
    }

    @Test
    void bytesAfterTheDeclaredDataAreRejected() {
        Path file = Fixtures.write(dir.resolve("labels"), new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 4, 5, 6});

        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(file));

        assertEquals(file + " has bytes after the 2 label bytes its header declares; the header and the data do not "
                + "match", e.getMessage());
    }

    @Test
    void labelCountMustMatchImageCount() {
        Path labels = Fixtures.file("train-labels-idx1-ubyte.gz");
        Path images = Fixtures.file("t10k-images-idx3-ubyte.gz");

        DataException e = assertThrows(DataException.class, () -> Idx.readLabelled(images, labels));

        assertEquals(labels + " has 2000 labels but " + images + " has 500 images; they must have the same count",
                e.getMessage());
    }

    @Test
    void missingFileIsReported() {
        Path file = dir.resolve("nothing-here");

        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(file));

        assertEquals(file + " not found", e.getMessage());
    }
}
