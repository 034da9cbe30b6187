/**
 * Psi's controllers inside a user's own DJL training loop: {@link dev.psi.train.djl.ControllerTracker} is a DJL
 * {@code Tracker} and {@code TrainingListener} around any controller. It may use DJL, psi-core and the engine's
 * state types; Psi's own training does not go through it.
 */
package dev.psi.train.djl;
