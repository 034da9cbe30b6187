/**
 * Sampling the surface (task features, i, ε_i, α_i) → observed convergence: random walks in α, constant-rate
 * grids, the oracle's branching search and whole-budget schedule labels, each trial resumable from its
 * checkpoints. It may use psi-core, psi-train, the store and {@code dev.psi.lab.record}.
 */
package dev.psi.lab.surface;
