/**
 * Network architectures named by spec ({@code linear}, {@code mlp(hidden=[64])}, {@code cnn(...)}) and built
 * as DJL blocks by {@link dev.psi.train.network.Networks}. It may use DJL and {@code dev.psi.core.spec}.
 */
package dev.psi.train.network;
