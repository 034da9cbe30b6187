/**
 * What a trial produces, as plain values shared by the engine, the store and the lab: per-epoch
 * {@link dev.psi.core.result.EpochResult}s and {@link dev.psi.core.result.Evaluation}s, roll-backs
 * ({@link dev.psi.core.result.Recovery}), the trial's {@link dev.psi.core.result.TrialStatus} and the rows of the
 * surface ({@link dev.psi.core.result.SurfaceRow}). Records without behaviour beyond checks; it uses only the JDK and
 * {@link dev.psi.core.controller.TaskFeatures}, the task as a surface row describes it.
 */
package dev.psi.core.result;
