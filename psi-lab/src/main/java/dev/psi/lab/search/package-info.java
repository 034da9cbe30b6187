/**
 * Searches over learning rates, schedule families and optimizers (grid, random, quasi-random, genetic,
 * successive halving, Hyperband, population-based training) behind one {@link dev.psi.lab.search.SearchStrategy}
 * interface, run against an {@link dev.psi.lab.search.Objective}: real training
 * ({@link dev.psi.lab.search.TrialObjective}) or, in the tests, a synthetic one. It may use psi-core, psi-train, the
 * store, {@code dev.psi.lab.record} and Jenetics.
 */
package dev.psi.lab.search;
