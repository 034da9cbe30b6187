/**
 * Reading the JSON and YAML files people and the lab write — task specs, suites, Ψ model files — into
 * trees, and checking them: {@link dev.psi.train.document.Document} parses a file and words its problems,
 * {@link dev.psi.train.document.Fields} reads one mapping with type, range and field-name checks, so that
 * every mistake is one line naming the file and the field. It uses Jackson (with SnakeYAML), psi-core's
 * {@code spec} package and {@code dev.psi.train.data}'s {@code DataException}; it knows none of the readers that
 * use it (the task and suite readers here, the Ψ model reader in psi-lab).
 */
package dev.psi.train.document;
