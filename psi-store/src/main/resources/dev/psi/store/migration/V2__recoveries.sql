-- Roll-backs a controller asked for (Guard, BoldDriver with undo): the trial went back to the start
-- of an epoch and trained on from there.
CREATE TABLE recoveries (
    trial_id BIGINT NOT NULL REFERENCES trials (id),
    epoch INTEGER NOT NULL,
    step BIGINT NOT NULL,
    reason TEXT NOT NULL,
    lr DOUBLE PRECISION,
    PRIMARY KEY (trial_id, epoch, step)
);
