package dev.psi.train.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read a task's data from CSV files of numbers, one example per line.
 *
 * <p>Validation examples come either from a separate file ({@code validationFile}) or from a seeded
 * fraction of the training file held out ({@code validationFraction}); exactly one is given.
 *
 * @param train the training file
 * @param validationFile a separate validation file with the same columns, or empty
 * @param validationFraction the fraction of {@code train} held out, in (0, 1), or 0 with a validation file
 * @param label which column is the label
 * @param header whether the first line of each file is a header to skip
 * @param normalize how features are rescaled (statistics from the training part only)
 * @param testFraction the fraction of {@code train} held out as the test part, the same for every trial, in
 *     [0, 1); 0 for none
 */
public record CsvOptions(Path train, Optional<Path> validationFile, double validationFraction, LabelColumn label,
        boolean header, Normalization normalize, double testFraction) {

    /** Options without a test part. */
    public CsvOptions(Path train, Optional<Path> validationFile, double validationFraction, LabelColumn label,
            boolean header, Normalization normalize) {
        this(train, validationFile, validationFraction, label, header, normalize, 0);
    }

    public CsvOptions {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validationFile, "validationFile");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(normalize, "normalize");
        if (validationFile.isPresent() == (validationFraction != 0)) {
            throw new DataException("give either a validation file (val) or a validation fraction (validation), not "
                    + (validationFile.isPresent() ? "both" : "neither"));
        }
        if (validationFile.isEmpty() && !(validationFraction > 0 && validationFraction < 1)) {
            throw new DataException("validation: " + validationFraction + " is out of range; it must be in (0, 1)");
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new DataException("test: " + testFraction + " is out of range; it must be in [0, 1)");
        }
    }

    /** Holds out {@code fraction} of {@code train}; label last, no header, no normalization. */
    public static CsvOptions heldOut(Path train, double fraction) {
        return new CsvOptions(train, Optional.empty(), fraction, LabelColumn.last(), false, Normalization.NONE);
    }

    /** Validates on a separate file; label last, no header, no normalization. */
    public static CsvOptions withValidationFile(Path train, Path validation) {
        return new CsvOptions(train, Optional.of(validation), 0, LabelColumn.last(), false, Normalization.NONE);
    }

    /** These options with a test part of {@code fraction} of the training file. */
    public CsvOptions withTestFraction(double fraction) {
        return new CsvOptions(train, validationFile, validationFraction, label, header, normalize, fraction);
    }

    public CsvOptions withLabel(LabelColumn newLabel) {
        return new CsvOptions(train, validationFile, validationFraction, newLabel, header, normalize, testFraction);
    }

    public CsvOptions withHeader(boolean newHeader) {
        return new CsvOptions(train, validationFile, validationFraction, label, newHeader, normalize, testFraction);
    }

    public CsvOptions withNormalize(Normalization newNormalize) {
        return new CsvOptions(train, validationFile, validationFraction, label, header, newNormalize, testFraction);
    }
}
