/**
 * A fitted Ψ outside the JVM that fitted it: the JSON model file ({@link dev.psi.lab.model.PsiModelFile} with
 * its reader and writer), the {@code Psi(model=FILE)} controller registered through psi-core's
 * {@code ControllerProvider}, and the features it computes from training state. It may use psi-core, psi-train's
 * {@code document} validator, Jackson and the store's file helpers.
 */
package dev.psi.lab.model;
