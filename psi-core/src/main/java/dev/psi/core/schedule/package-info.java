/**
 * PyTorch-compatible learning-rate schedules ({@code torch.optim.lr_scheduler}: StepLR, OneCycleLR,
 * ReduceLROnPlateau, SequentialLR, ...), written to equal PyTorch's values to 1e-9 relative, and their
 * adaptation to the {@code Controller} interface; {@link dev.psi.core.schedule.Schedules} names them for the spec
 * language. It may use {@code dev.psi.core.controller} and {@code dev.psi.core.spec} and nothing outside psi-core.
 */
package dev.psi.core.schedule;
