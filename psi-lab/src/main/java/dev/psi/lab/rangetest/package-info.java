/**
 * The learning-rate range test (rates rising exponentially over one pass, stopped at divergence) and the rate
 * it suggests, as used by {@code psi lr-find} and to scale rates per task. It may use psi-core and psi-train's
 * engine, data and tasks.
 */
package dev.psi.lab.rangetest;
