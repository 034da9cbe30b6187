package dev.psi.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoded IDX files are reused while the files stay as they were, and read again once they change. */
class IdxCacheTest {

    @TempDir
    Path dir;

    @BeforeEach
    void empty() {
        IdxCache.clear();
    }

    @Test
    void anUnchangedPairIsReadOnce() {
        Path images = Fixtures.write(dir.resolve("images"), images(2, (byte) 7));
        Path labels = Fixtures.write(dir.resolve("labels"), labels(1, 2));
        Idx.Labelled first = IdxCache.labelled(images, labels);
        assertSame(first, IdxCache.labelled(images, labels));
        assertEquals(Idx.readLabelled(images, labels).images().count(), first.images().count());
    }

    @Test
    void aChangedFileIsReadAgain() throws IOException {
        Path images = Fixtures.write(dir.resolve("images"), images(2, (byte) 7));
        Path labels = Fixtures.write(dir.resolve("labels"), labels(1, 2));
        Idx.Labelled first = IdxCache.labelled(images, labels);
        Fixtures.write(labels, labels(3, 4));
        // Same size: the modification time tells them apart (set explicitly, as clocks are coarse).
        Files.setLastModifiedTime(labels, FileTime.fromMillis(Files.getLastModifiedTime(labels).toMillis() + 5000));
        Idx.Labelled second = IdxCache.labelled(images, labels);
        assertNotSame(first, second);
        assertArrayEquals(new byte[] {3, 4}, second.labels());
    }

    @Test
    void itKeepsABoundedNumberOfPairs() {
        Path labels = Fixtures.write(dir.resolve("labels"), labels(1, 2));
        Path firstImages = Fixtures.write(dir.resolve("images0"), images(2, (byte) 0));
        Idx.Labelled first = IdxCache.labelled(firstImages, labels);
        for (int i = 1; i <= IdxCache.ENTRIES; i++) {
            IdxCache.labelled(Fixtures.write(dir.resolve("images" + i), images(2, (byte) i)), labels);
        }
        // The first pair was the least recently used: dropped, so read again.
        assertNotSame(first, IdxCache.labelled(firstImages, labels));
    }

    /** An IDX3 file of {@code count} 2x2 images, every pixel {@code value}. */
    private static byte[] images(int count, byte value) {
        byte[] bytes = new byte[16 + count * 4];
        bytes[2] = 8;
        bytes[3] = 3;
        bytes[7] = (byte) count;
        bytes[11] = 2;
        bytes[15] = 2;
        for (int i = 16; i < bytes.length; i++) {
            bytes[i] = value;
        }
        return bytes;
    }

    /** An IDX1 file of two labels. */
    private static byte[] labels(int first, int second) {
        return new byte[] {0, 0, 8, 1, 0, 0, 0, 2, (byte) first, (byte) second};
    }
}
