package dev.psi.train.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The committed test data: 2000 training and 500 test examples of Fashion-MNIST (tools/fixtures/make_fmnist_small.py). */
final class Fixtures {

    static final int TRAIN = 2000;
    static final int TEST = 500;
    /** The first ten training labels, the same as the full dataset's. */
    static final float[] FIRST_TRAIN_LABELS = {9, 0, 0, 3, 0, 2, 7, 2, 5, 5};
    /** Pixel (row 14, column 14) of the first training image. */
    static final int PIXEL_0_14_14 = 217;

    private Fixtures() {
    }

    static Path fmnistSmall() {
        try {
            return Path.of(Fixtures.class.getResource("/fmnist-small").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String name) {
        return fmnistSmall().resolve(name);
    }

    /** The bytes of a fixture file as stored. */
    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decompressed bytes of a gzipped fixture file. */
    static byte[] gunzip(String name) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file(name)))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
