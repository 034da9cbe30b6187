/**
 * Psi's study workers as Spark tasks ({@code psi study --executor spark}): a {@link dev.psi.lab.work.WorkerExecutor}
 * found by ServiceLoader, whose tasks each run one {@code psi worker} process that takes the study's jobs from the
 * store until none is left. The only package with Spark on its class path; it may use psi-lab's {@code work}
 * package and Spark's Java API.
 */
package dev.psi.spark;
