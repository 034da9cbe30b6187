-- The work queue of studies run by worker processes (psi study --workers N, psi worker): one row per unit of
-- work, such as one trial, one oracle trajectory or one search. job_key identifies the work within its study,
-- so the same work is queued once; payload is its JSON, read by the worker according to kind. A worker claims
-- the queued row of lowest priority, then id (status claimed, its worker name, claimed_at), keeps heartbeat_at
-- fresh while it works, and ends the row done (result: the work's JSON summary) or failed (error). A claimed
-- row whose worker died goes back to queued, with attempts counting the claims.
CREATE TABLE jobs (
    id ${id},
    study TEXT NOT NULL,
    job_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    priority INTEGER NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'claimed', 'done', 'failed')),
    attempts INTEGER NOT NULL,
    worker TEXT,
    queued_at TEXT NOT NULL,
    claimed_at TEXT,
    heartbeat_at TEXT,
    ended_at TEXT,
    result TEXT,
    error TEXT,
    UNIQUE (study, job_key)
);

CREATE INDEX jobs_queue ON jobs (study, status, priority, id);
