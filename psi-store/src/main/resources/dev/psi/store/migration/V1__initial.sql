-- Schema version 1 of the Psi results store; runs on SQLite and PostgreSQL alike.
-- Each id column is the dialect's generated primary key. Times are ISO-8601 UTC text
-- (2025-01-02T03:04:05.678Z). Non-finite measurements (NaN, Infinity) are stored as NULL; a diverged
-- trial says so in trials.status.

-- A named set of trials run for one purpose (sample, search, evaluate).
CREATE TABLE studies (
    id ${id},
    name TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- A dataset, model, optimizer, batch size and epoch budget; spec is the task spec as JSON.
CREATE TABLE tasks (
    id ${id},
    name TEXT NOT NULL UNIQUE,
    spec TEXT NOT NULL,
    created_at TEXT NOT NULL
);

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
    status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'diverged', 'failed')),
    diverged_epoch INTEGER,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    wall_seconds DOUBLE PRECISION,
    host TEXT,
    error TEXT,
    config TEXT
);

CREATE INDEX trials_study ON trials (study_id);

CREATE INDEX trials_task ON trials (task_id);

-- One finished epoch of a trial. lr is the mean learning rate over the epoch's steps; steps counts the
-- optimizer steps of the whole trial up to the end of the epoch.
CREATE TABLE epochs (
    trial_id BIGINT NOT NULL REFERENCES trials (id),
    epoch INTEGER NOT NULL,
    lr DOUBLE PRECISION,
    train_loss DOUBLE PRECISION,
    val_loss DOUBLE PRECISION,
    val_accuracy DOUBLE PRECISION,
    steps BIGINT NOT NULL,
    wall_seconds DOUBLE PRECISION,
    PRIMARY KEY (trial_id, epoch)
);

-- A fitted Psi model (closed form or neural): content is its JSON, path the file it was saved to.
CREATE TABLE psi_models (
    id ${id},
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    path TEXT,
    content TEXT NOT NULL,
    created_at TEXT NOT NULL,
    study_id BIGINT REFERENCES studies (id)
);
