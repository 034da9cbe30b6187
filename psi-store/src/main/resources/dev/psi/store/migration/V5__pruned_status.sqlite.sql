-- Schema version 5 on SQLite: trials.status may also be 'pruned', for a trial that a search (successive halving,
-- Hyperband) stopped on purpose before its budget because others did better. Such trials used to be stored as
-- 'failed'. PostgreSQL alters the constraint in place (V5__pruned_status.postgresql.sql).
--
-- SQLite cannot alter a CHECK constraint, so trials is rebuilt: the same columns in the same order (V1's, then
-- V3's epochs_trained), the same rows and ids, the same indexes. epochs, recoveries and surface reference
-- trials (id), and the store enforces foreign keys, which cannot be switched off inside the migration's
-- transaction; they are deferred to its commit instead. Dropping trials then counts every child row as a
-- violation, and SQLite takes one back only when the row it references is inserted into the table its
-- REFERENCES clause names. So the rows are set aside and copied back into the new table once it is named trials:
-- building trials_new and renaming it would leave every violation counted, and the commit would fail. The
-- pragma is not switched off at the end, which would forget violations still counted: the commit ends it.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE trials_v4 AS SELECT * FROM trials;

-- DROP TABLE also deletes the table's AUTOINCREMENT high-water mark; it is restored below so that the id of a
-- deleted trial is never given again.
CREATE TEMP TABLE trials_v4_sequence AS SELECT name, seq FROM sqlite_sequence WHERE name = 'trials';

DROP TABLE trials;

-- One training run of one task with one controller and one seed.
CREATE TABLE trials (
    id ${id},
    study_id BIGINT REFERENCES studies (id),
    task_id BIGINT NOT NULL REFERENCES tasks (id),
    controller TEXT NOT NULL,
    optimizer TEXT NOT NULL,
    seed BIGINT NOT NULL,
    epochs INTEGER NOT NULL,
    batch_size INTEGER NOT NULL,
    train_size INTEGER,
    status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'diverged', 'failed', 'pruned')),
    diverged_epoch INTEGER,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    wall_seconds DOUBLE PRECISION,
    host TEXT,
    error TEXT,
    config TEXT,
    epochs_trained INTEGER
);

INSERT INTO trials (id, study_id, task_id, controller, optimizer, seed, epochs, batch_size, train_size, status,
        diverged_epoch, started_at, ended_at, wall_seconds, host, error, config, epochs_trained)
    SELECT id, study_id, task_id, controller, optimizer, seed, epochs, batch_size, train_size, status,
        diverged_epoch, started_at, ended_at, wall_seconds, host, error, config, epochs_trained
    FROM trials_v4;

DELETE FROM sqlite_sequence WHERE name = 'trials';

INSERT INTO sqlite_sequence (name, seq) SELECT name, seq FROM trials_v4_sequence;

DROP TABLE trials_v4;

DROP TABLE trials_v4_sequence;

CREATE INDEX trials_study ON trials (study_id);

CREATE INDEX trials_task ON trials (task_id);
