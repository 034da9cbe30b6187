package dev.psi.train.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A set of labelled examples held in flat arrays, ready to be copied into tensors.
 *
 * <p>Features are stored row-major: example {@code k} occupies
 * {@code features[k * featureSize(), (k + 1) * featureSize())}. The arrays are shared, not copied,
 * because a full dataset is tens of megabytes: an {@code Examples} is immutable by convention, and
 * nobody may write to the arrays after construction. Methods that change data ({@link #subset}) return
 * new arrays.
 *
 * @param count number of examples
 * @param featureShape shape of one example, without the batch dimension: {@code [784]} for flat
 *     vectors, {@code [1, 28, 28]} for one-channel images
 * @param features {@code count * featureSize()} values, row-major
 * @param targets {@code count} values: the class index (as a float) for classification, the real
 *     target for regression
 * @param numClasses number of classes ({@code >= 2}) for classification, {@code 0} for regression
 */
public record Examples(int count, long[] featureShape, float[] features, float[] targets, int numClasses) {

    public Examples {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (numClasses == 1 || numClasses < 0) {
            throw new IllegalArgumentException("numClasses must be 0 (regression) or >= 2, got " + numClasses);
        }
        featureShape = featureShape.clone();
        long size = 1;
        for (long dimension : featureShape) {
            if (dimension <= 0) {
                throw new IllegalArgumentException("featureShape must be positive, got " + Arrays.toString(featureShape));
            }
            size *= dimension;
        }
        if (featureShape.length == 0 || (long) count * size != features.length) {
            throw new IllegalArgumentException("features has " + features.length + " values, expected " + count
                    + " x " + Arrays.toString(featureShape));
        }
        if (targets.length != count) {
            throw new IllegalArgumentException("targets has " + targets.length + " values, expected " + count);
        }
    }

    /** The examples of {@code first} followed by those of {@code second}, which must have the same shape and classes. */
    public static Examples concat(Examples first, Examples second) {
        if (!Arrays.equals(first.featureShape, second.featureShape) || first.numClasses != second.numClasses) {
            throw new IllegalArgumentException("cannot join examples of different shapes or classes");
        }
        float[] features = Arrays.copyOf(first.features, first.features.length + second.features.length);
        System.arraycopy(second.features, 0, features, first.features.length, second.features.length);
        float[] targets = Arrays.copyOf(first.targets, first.count + second.count);
        System.arraycopy(second.targets, 0, targets, first.count, second.count);
        return new Examples(first.count + second.count, first.featureShape, features, targets, first.numClasses);
    }

    /** No examples: the test part of a task that has none. */
    public static Examples none(long[] featureShape, int numClasses) {
        return new Examples(0, featureShape, new float[0], new float[0], numClasses);
    }

    /** Values per example: the product of {@link #featureShape}. */
    public int featureSize() {
        long size = 1;
        for (long dimension : featureShape) {
            size *= dimension;
        }
        return (int) size;
    }

    /** Whether the targets are class indices ({@code numClasses >= 2}) rather than real values. */
    public boolean classification() {
        return numClasses > 0;
    }

    /** The shape of one example; a copy, so the caller may keep or change it. */
    @Override
    public long[] featureShape() {
        return featureShape.clone();
    }

    /**
     * The examples at {@code indices}, in that order, copied into new arrays. An index may repeat.
     *
     * @throws IndexOutOfBoundsException if an index is not in {@code [0, count)}
     */
    public Examples subset(int[] indices) {
        int size = featureSize();
        float[] newFeatures = new float[Math.multiplyExact(indices.length, size)];
        float[] newTargets = new float[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int index = Objects.checkIndex(indices[k], count);
            System.arraycopy(features, index * size, newFeatures, k * size, size);
            newTargets[k] = targets[index];
        }
        return new Examples(indices.length, featureShape, newFeatures, newTargets, numClasses);
    }

    /** Equal when counts, shapes, classes and every value are equal (records compare arrays by identity). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Examples that
                && count == that.count
                && numClasses == that.numClasses
                && Arrays.equals(featureShape, that.featureShape)
                && Arrays.equals(features, that.features)
                && Arrays.equals(targets, that.targets);
    }

    @Override
    public int hashCode() {
        int hash = Integer.hashCode(count);
        hash = 31 * hash + Integer.hashCode(numClasses);
        hash = 31 * hash + Arrays.hashCode(featureShape);
        hash = 31 * hash + Arrays.hashCode(features);
        return 31 * hash + Arrays.hashCode(targets);
    }

    /** A summary such as {@code Examples[2000 x [784], 10 classes]}; never the values. */
    @Override
    public String toString() {
        return "Examples[" + count + " x " + Arrays.toString(featureShape) + ", "
                + (classification() ? numClasses + " classes" : "regression") + "]";
    }
}
