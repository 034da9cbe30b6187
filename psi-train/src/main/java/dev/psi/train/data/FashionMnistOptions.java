package dev.psi.train.data;

import java.util.Objects;

/**
 * What part of Fashion-MNIST to load and how.
 *
 * @param trainSize training examples: {@code 0} for all 60 000, else a seeded subset of this many
 * @param valSize validation examples: {@code 0} for all 10 000 of the test file, else a seeded subset
 * @param seed chooses the subsets; unused when both sizes are {@code 0}
 * @param layout flat vectors of 784 values or 1x28x28 images
 * @param variant the classes, resolution, label noise and fixed sizes of the problem; {@link
 *     FashionMnistVariant#STANDARD} for the dataset itself. A {@code trainSize} of 0 takes the variant's, and a
 *     {@code valSize} above 0 takes a trial-seeded subset in place of the variant's fixed one.
 */
public record FashionMnistOptions(int trainSize, int valSize, long seed, ImageLayout layout,
        FashionMnistVariant variant) {

    public FashionMnistOptions {
        if (trainSize < 0 || valSize < 0) {
            throw new DataException("Fashion-MNIST sizes must be >= 0 (0 = all), got train " + trainSize
                    + ", validation " + valSize);
        }
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(variant, "variant");
    }

    /** The standard dataset. */
    public FashionMnistOptions(int trainSize, int valSize, long seed, ImageLayout layout) {
        this(trainSize, valSize, seed, layout, FashionMnistVariant.STANDARD);
    }

    /** All 60 000 training and 10 000 validation examples, flat. */
    public static FashionMnistOptions all() {
        return new FashionMnistOptions(0, 0, 0, ImageLayout.FLAT);
    }

    public FashionMnistOptions withTrainSize(int size, long newSeed) {
        return new FashionMnistOptions(size, valSize, newSeed, layout, variant);
    }

    public FashionMnistOptions withLayout(ImageLayout newLayout) {
        return new FashionMnistOptions(trainSize, valSize, seed, newLayout, variant);
    }
}
