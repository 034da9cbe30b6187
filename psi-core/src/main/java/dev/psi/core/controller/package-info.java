/**
 * The controller contract: {@link dev.psi.core.controller.Controller} with its lifecycle hooks, the
 * {@link dev.psi.core.controller.TrainingState} it reads before every step, the gradient
 * {@link dev.psi.core.controller.Signal}s it may ask for, the smoothed loss it sees and the task features of
 * its {@link dev.psi.core.controller.ControllerContext}. The bottom of the stack: it uses only the JDK, and every
 * other package that controls or drives training depends on it.
 */
package dev.psi.core.controller;
