/**
 * Ψ itself: a fitted function from state features (ε/ε₀, i, task descriptors) to α, as a closed-form
 * {@link dev.psi.core.psi.Expression} ({@link dev.psi.core.psi.FormulaModel}) or a small network
 * ({@link dev.psi.core.psi.NetworkModel}), with what the fit saw ({@link dev.psi.core.psi.FitInfo}), and the
 * {@link dev.psi.core.psi.PsiController} that runs a model. Reading and writing model files is psi-lab's; this
 * package may use {@code dev.psi.core.controller} and {@code dev.psi.core.spec}, no files and no other module.
 */
package dev.psi.core.psi;
