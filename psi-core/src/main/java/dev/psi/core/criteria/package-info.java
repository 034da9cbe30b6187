/**
 * The three criteria of a study (convergence time, accuracy, reliability), their statistics over seeds
 * (median, bootstrap interval) and across tasks (performance profiles, scored as MLCommons AlgoPerf does),
 * and the tuning cost a method paid. Pure functions of stored epoch rows; no I/O: it may use
 * {@code dev.psi.core.result} and {@code dev.psi.core.spec} and nothing outside psi-core.
 *
 * <p>"Never reached" is {@link java.lang.Double#POSITIVE_INFINITY} throughout: a time to target, a ratio
 * in a profile, a median and a bootstrap bound may all be ∞, and arithmetic on them stays correct.
 */
package dev.psi.core.criteria;
