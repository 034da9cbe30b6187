package dev.psi.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * A held-out part of a trial's data as tensors: the validation split, its fixed subset, or the test split.
 *
 * @param features one row per example, {@code [n, feature shape…]}
 * @param targets class indices as an {@code [n, 1]} column for classification, values {@code [n]} for regression
 */
record HeldOut(NDArray features, NDArray targets) {

    /** Number of examples. */
    long count() {
        return features.getShape().get(0);
    }

    /** The first {@code n} examples (all when there are fewer): views, not copies. */
    HeldOut first(long n) {
        NDIndex rows = new NDIndex().addSliceDim(0, Math.min(n, count()));
        return new HeldOut(features.get(rows), targets.get(rows));
    }
}
