/**
 * Datasets: Fashion-MNIST and IDX files, CSV, and the synthetic tasks (teacher–student, noisy quadratic,
 * Gaussian mixture, spirals) generated from a seed, loaded into a {@link dev.psi.train.data.DataSplit} of
 * training, validation and test examples, with normalization and seeded subsets. Missing data is a
 * {@link dev.psi.train.data.DataException} that says what to install. It uses {@code dev.psi.core.spec} and the
 * JDK; not DJL, so data can be read and checked without loading PyTorch.
 */
package dev.psi.train.data;
