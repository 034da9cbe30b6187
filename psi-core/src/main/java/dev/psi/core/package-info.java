/**
 * The entry point to learning-rate controllers: {@link dev.psi.core.Controllers} builds any controller from
 * its spec ({@code StepLR(lr=0.1,step_size=30)}) and traces a schedule, and {@link dev.psi.core.ControllerProvider}
 * is the ServiceLoader SPI through which other modules add theirs (that is how {@code Psi(model=FILE)} is
 * registered). psi-core is pure Java: this package may use the other {@code dev.psi.core} packages and the JDK,
 * never DJL, JDBC, files or the modules above it.
 */
package dev.psi.core;
