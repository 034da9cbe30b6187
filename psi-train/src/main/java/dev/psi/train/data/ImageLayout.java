package dev.psi.train.data;

import java.util.Locale;

/** How an image is laid out as one example: a flat vector (for linear models and MLPs) or a one-channel image (for CNNs). */
public enum ImageLayout {

    /** {@code [rows * columns]}. */
    FLAT,
    /** {@code [1, rows, columns]}: channels first, as convolutions expect. */
    IMAGE;

    /** The word used in task specs: {@code flat} or {@code image}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a spec word.
     *
     * @throws DataException naming the word and the valid ones
     */
    public static ImageLayout parse(String word) {
        for (ImageLayout layout : values()) {
            if (layout.word().equals(word)) {
                return layout;
            }
        }
        throw new DataException("shape: '" + word + "' is not valid; valid: flat, image");
    }

    /** The feature shape of one image of {@code rows x columns} pixels. */
    public long[] featureShape(int rows, int columns) {
        return this == FLAT ? new long[] {(long) rows * columns} : new long[] {1, rows, columns};
    }
}
