/**
 * Fitting Ψ to the surface, on the training tasks only: closed forms by nonlinear least squares and symbolic
 * regression (Pareto front of size against error, chosen by transfer across families), a small network, and
 * their held-out scores; {@link dev.psi.lab.fit.PsiFitter} is the way in, {@link dev.psi.lab.fit.PsiMap} the values
 * of a fitted model over (ε/ε₀, i). It may use psi-core, psi-train's tasks, Hipparchus, Jenetics and
 * {@code dev.psi.lab.model}; it draws nothing (the report does).
 */
package dev.psi.lab.fit;
