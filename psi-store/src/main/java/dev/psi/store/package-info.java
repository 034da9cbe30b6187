/**
 * The JDBC store of studies, tasks, trials, epochs, the surface, Ψ models, checkpoints and the job queue, on
 * SQLite (embedded default) or PostgreSQL, with versioned migrations and CSV export. It may use psi-core's
 * result values, JDBC and the SQLite driver; it knows nothing of training or the lab, which store through it.
 */
package dev.psi.store;
