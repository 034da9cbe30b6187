package dev.psi.train.data;

import java.util.Arrays;

/**
 * Training, validation and test examples of one task, as one trial sees them. All parts have the same
 * feature shape and the same number of classes, so one model fits them all.
 *
 * <p>The three parts have three uses (DESIGN.md, "splits"): training; validation, on which everything that
 * chooses is measured (targets, tuning, the oracle's choices, Ψ's labels, time to target); and test, on which
 * nothing chooses, so that the accuracy a study reports is not inflated by the choices made on it.
 *
 * @param train examples the model is trained on
 * @param validation held-out examples the validation metrics are computed on
 * @param test held-out examples only reported; empty ({@link #hasTest()} false) when the task has none
 */
public record DataSplit(Examples train, Examples validation, Examples test) {

    public DataSplit {
        same("validation", train, validation);
        same("test", train, test);
    }

    /** A split without a test part. */
    public DataSplit(Examples train, Examples validation) {
        this(train, validation, Examples.none(train.featureShape(), train.numClasses()));
    }

    /** Whether the task has test examples. */
    public boolean hasTest() {
        return test.count() > 0;
    }

    /** This split with {@code train} in place of its training part. */
    public DataSplit withTrain(Examples other) {
        return new DataSplit(other, validation, test);
    }

    private static void same(String part, Examples train, Examples other) {
        if (!Arrays.equals(train.featureShape(), other.featureShape())) {
            throw new IllegalArgumentException("train and " + part + " shapes differ: "
                    + Arrays.toString(train.featureShape()) + " vs " + Arrays.toString(other.featureShape()));
        }
        if (train.numClasses() != other.numClasses()) {
            throw new IllegalArgumentException("train and " + part + " classes differ: "
                    + train.numClasses() + " vs " + other.numClasses());
        }
    }

    /** The sizes of this split. */
    public DataShape shape() {
        return new DataShape(train.count(), validation.count(), train.featureShape(), train.numClasses());
    }
}
