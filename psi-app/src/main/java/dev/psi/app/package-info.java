/**
 * The {@code psi} command line (picocli): one class per command, the options several commands share as mixins
 * ({@code ThreadsOption}, {@code StoreOption}, {@code TrainingOptions}), and the one-line handling of bad input.
 * The top of the stack: it may use every module below it, and nothing depends on it.
 */
package dev.psi.app;
