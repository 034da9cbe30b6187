/**
 * Optimizers written for Psi's loop (SGD, Adam, RMSprop, Adagrad, schedule-free, DoG, Prodigy) with state that
 * checkpoints can copy, named by spec through {@link dev.psi.train.optim.Optimizers}; the rate comes from the
 * controller at every step. It may use DJL's NDArray API and {@code dev.psi.core.spec}.
 */
package dev.psi.train.optim;
