/**
 * A study end to end: its plan and splits, calibration of targets and default rates, the training grid,
 * sampling, fitting Ψ, evaluating every method on held-out tasks and seeds, and the results the report reads.
 * It orchestrates the other {@code dev.psi.lab} packages through the store's job queue; it may use all of them
 * except {@code report}, and psi-core, psi-train and the store.
 */
package dev.psi.lab.study;
