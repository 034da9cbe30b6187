/**
 * Task families and suites: many cheap tasks generated from parameters, so that Ψ can be learned on some
 * families and judged on others it never saw (DESIGN.md, "family").
 *
 * <p>A {@link dev.psi.train.task.family.TaskFamily} turns a seed into a {@link dev.psi.train.task.TaskSpec}
 * deterministically; each family is a small final class with a {@code Parameters} record (the task's data, model
 * and {@link dev.psi.train.task.family.TrainingSettings}), a {@code draw(seed)} that picks them from the family's
 * ranges, and a parser for the names it gives. A {@link dev.psi.train.task.family.TaskSuite} is a named list of
 * generated members (family, count, first seed) and listed tasks; {@link dev.psi.train.task.family.TaskSuites}
 * holds the built-in ones and reads suite files ({@link dev.psi.train.task.family.TaskSuiteReader}).
 *
 * <p><b>How a worker process gets a generated task.</b> Workers rebuild their task from one string through
 * {@link dev.psi.train.task.Tasks#resolve}, as they do for built-in names and spec files. A generated task's name
 * spells every parameter, so the name is that string: nothing else (no suite file, no index into a suite that
 * could change between versions) has to reach the worker, and the store's key for the task is the same
 * string. Only a spec file's family needs the file, and travels as {@code FILE#settings}
 * ({@link dev.psi.train.task.family.SpecFileFamily}). {@link dev.psi.train.task.family.SuiteTask#source} is the
 * string to pass. The price is a dependency of {@code Tasks} on this package (and of this package on
 * {@code TaskSpec}): a cycle between two packages of one module, kept because a second resolution entry point
 * that every caller must remember would be worse.
 */
package dev.psi.train.task.family;
