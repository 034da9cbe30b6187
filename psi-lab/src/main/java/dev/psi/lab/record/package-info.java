/**
 * How a trial is written to the store, the same whichever command or job ran it: the task's and the run's
 * JSON, the host, and finding trials a killed process left running. It may use psi-core, psi-train's tasks and
 * engine, the store and Jackson.
 */
package dev.psi.lab.record;
