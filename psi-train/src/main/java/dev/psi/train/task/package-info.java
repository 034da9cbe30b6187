/**
 * Tasks: a dataset with a model, optimizer, batch size, epoch budget and optional target
 * ({@link dev.psi.train.task.TaskSpec}); the built-in ones and the resolution of a name or spec file
 * ({@link dev.psi.train.task.Tasks}), and the task spec file reader. It may use {@code dev.psi.core.spec},
 * the {@code data} and {@code document} packages of psi-train, and {@code task.family} for generated names.
 */
package dev.psi.train.task;
