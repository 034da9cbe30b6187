package dev.psi.train.data;

import java.util.Arrays;

/**
 * Training and validation examples of one task, as one trial sees them. Both parts have the same
 * feature shape and the same number of classes, so one model fits both.
 *
 * @param train examples the model is trained on
 * @param validation held-out examples the validation metrics are computed on
 */
public record DataSplit(Examples train, Examples validation) {

    public DataSplit {
        if (!Arrays.equals(train.featureShape(), validation.featureShape())) {
            throw new IllegalArgumentException("train and validation shapes differ: "
                    + Arrays.toString(train.featureShape()) + " vs " + Arrays.toString(validation.featureShape()));
        }
        if (train.numClasses() != validation.numClasses()) {
            throw new IllegalArgumentException("train and validation classes differ: "
                    + train.numClasses() + " vs " + validation.numClasses());
        }
    }

    /** The sizes of this split. */
    public DataShape shape() {
        return new DataShape(train.count(), validation.count(), train.featureShape(), train.numClasses());
    }
}
