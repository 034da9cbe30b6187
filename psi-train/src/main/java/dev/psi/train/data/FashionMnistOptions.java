package dev.psi.train.data;

import java.util.Objects;

/**
 * What part of Fashion-MNIST to load and how.
 *
 * @param trainSize training examples: {@code 0} for all 60 000, else a seeded subset of this many
 * @param valSize validation examples: {@code 0} for all 10 000 of the test file, else a seeded subset
 * @param seed chooses the subsets; unused when both sizes are {@code 0}
 * @param layout flat vectors of 784 values or 1x28x28 images
 */
public record FashionMnistOptions(int trainSize, int valSize, long seed, ImageLayout layout) {

    public FashionMnistOptions {
        if (trainSize < 0 || valSize < 0) {
            throw new DataException("Fashion-MNIST sizes must be >= 0 (0 = all), got train " + trainSize
                    + ", validation " + valSize);
        }
        Objects.requireNonNull(layout, "layout");
    }

    /** All 60 000 training and 10 000 validation examples, flat. */
    public static FashionMnistOptions all() {
        return new FashionMnistOptions(0, 0, 0, ImageLayout.FLAT);
    }

    public FashionMnistOptions withTrainSize(int size, long newSeed) {
        return new FashionMnistOptions(size, valSize, newSeed, layout);
    }

    public FashionMnistOptions withLayout(ImageLayout newLayout) {
        return new FashionMnistOptions(trainSize, valSize, seed, newLayout);
    }
}
