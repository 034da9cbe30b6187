/**
 * The spec language {@code Name(key=value, ...)} in which controllers, optimizers and models are written:
 * its parser, typed arguments with ranges, and {@link dev.psi.core.spec.SpecException}, the one-line error every
 * reader of user input throws. It uses only the JDK and is used by every module.
 */
package dev.psi.core.spec;
