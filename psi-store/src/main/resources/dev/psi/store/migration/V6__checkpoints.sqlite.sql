-- The last checkpoint of each running trial that asked for one: the whole state of the trial at the end of
-- its last finished epoch (Checkpoint.toBytes in psi-train), so that a trial whose process was killed
-- resumes from there instead of from its first epoch. One row per trial, replaced after every epoch and
-- deleted when the trial ends. The binary column is BLOB here; the other dialect's script differs only in it.
CREATE TABLE checkpoints (
    trial_id BIGINT PRIMARY KEY REFERENCES trials (id),
    epoch INTEGER NOT NULL,
    state BLOB NOT NULL,
    saved_at TEXT NOT NULL
);
