package dev.psi.train.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read a task's data from IDX files: unsigned-byte images (IDX3) with unsigned-byte labels (IDX1).
 *
 * <p>Validation examples come either from a separate pair of files or from a seeded fraction of the
 * training files held out; exactly one is given.
 *
 * @param images the training images
 * @param labels the training labels
 * @param validationImages separate validation images, or empty
 * @param validationLabels separate validation labels, present exactly when {@code validationImages} is
 * @param validationFraction the fraction held out, in (0, 1), or 0 with validation files
 * @param layout flat vectors or one-channel images
 * @param normalize how pixels, first scaled to [0, 1], are rescaled (statistics from the training part only)
 * @param testFraction the fraction of the training files held out as the test part, the same for every trial,
 *     in [0, 1); 0 for none
 */
public record IdxOptions(Path images, Path labels, Optional<Path> validationImages, Optional<Path> validationLabels,
        double validationFraction, ImageLayout layout, Normalization normalize, double testFraction) {

    /** Options without a test part. */
    public IdxOptions(Path images, Path labels, Optional<Path> validationImages, Optional<Path> validationLabels,
            double validationFraction, ImageLayout layout, Normalization normalize) {
        this(images, labels, validationImages, validationLabels, validationFraction, layout, normalize, 0);
    }

    public IdxOptions {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(normalize, "normalize");
        if (validationImages.isPresent() != validationLabels.isPresent()) {
            throw new DataException("give both validation images (val_images) and validation labels (val_labels), or neither");
        }
        if (validationImages.isPresent() == (validationFraction != 0)) {
            throw new DataException("give either validation files (val_images, val_labels) or a validation fraction "
                    + "(validation), not " + (validationImages.isPresent() ? "both" : "neither"));
        }
        if (validationImages.isEmpty() && !(validationFraction > 0 && validationFraction < 1)) {
            throw new DataException("validation: " + validationFraction + " is out of range; it must be in (0, 1)");
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new DataException("test: " + testFraction + " is out of range; it must be in [0, 1)");
        }
    }

    /** Holds out {@code fraction} of the training files; flat, no normalization beyond [0, 1]. */
    public static IdxOptions heldOut(Path images, Path labels, double fraction) {
        return new IdxOptions(images, labels, Optional.empty(), Optional.empty(), fraction, ImageLayout.FLAT,
                Normalization.NONE);
    }

    /** Validates on separate files; flat, no normalization beyond [0, 1]. */
    public static IdxOptions withValidationFiles(Path images, Path labels, Path validationImages, Path validationLabels) {
        return new IdxOptions(images, labels, Optional.of(validationImages), Optional.of(validationLabels), 0,
                ImageLayout.FLAT, Normalization.NONE);
    }

    /** These options with a test part of {@code fraction} of the training files. */
    public IdxOptions withTestFraction(double fraction) {
        return new IdxOptions(images, labels, validationImages, validationLabels, validationFraction, layout, normalize,
                fraction);
    }

    public IdxOptions withLayout(ImageLayout newLayout) {
        return new IdxOptions(images, labels, validationImages, validationLabels, validationFraction, newLayout, normalize,
                testFraction);
    }

    public IdxOptions withNormalize(Normalization newNormalize) {
        return new IdxOptions(images, labels, validationImages, validationLabels, validationFraction, layout, newNormalize,
                testFraction);
    }
}
