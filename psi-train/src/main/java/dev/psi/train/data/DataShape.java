package dev.psi.train.data;

import java.util.Arrays;

/**
 * The sizes of a train/validation split: what a task listing shows, and what a model needs to be
 * built, known without holding the data.
 *
 * @param trainCount training examples
 * @param validationCount validation examples
 * @param featureShape shape of one example, without the batch dimension
 * @param numClasses number of classes, or {@code 0} for regression
 */
public record DataShape(int trainCount, int validationCount, long[] featureShape, int numClasses) {

    public DataShape {
        featureShape = featureShape.clone();
    }

    /** Values per example: the product of {@link #featureShape}. */
    public long featureSize() {
        long size = 1;
        for (long dimension : featureShape) {
            size *= dimension;
        }
        return size;
    }

    @Override
    public long[] featureShape() {
        return featureShape.clone();
    }

    /**
     * One line for listings, e.g. {@code 60000 train / 10000 val, 784 features, 10 classes}; image
     * shapes are written out, e.g. {@code 1x28x28 features}.
     */
    public String describe() {
        StringBuilder features = new StringBuilder();
        for (int i = 0; i < featureShape.length; i++) {
            features.append(i == 0 ? "" : "x").append(featureShape[i]);
        }
        return trainCount + " train / " + validationCount + " val, " + features + " features, "
                + (numClasses > 0 ? numClasses + " classes" : "regression");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataShape that
                && trainCount == that.trainCount
                && validationCount == that.validationCount
                && numClasses == that.numClasses
                && Arrays.equals(featureShape, that.featureShape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * trainCount + validationCount) + numClasses) + Arrays.hashCode(featureShape);
    }

    @Override
    public String toString() {
        return "DataShape[" + describe() + "]";
    }
}
