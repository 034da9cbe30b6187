-- Every evaluation of a trial's validation metrics (psi-core's Evaluation): on the fixed validation subset
-- every eval_every steps, and on the whole split at each epoch's end (examples tells which), so that time to
-- target moves in fractions of an epoch. step counts the trial's optimizer steps, rejected attempts included;
-- epochs is the fractional number of epochs trained (epoch + 1 at the epoch's end); train_seconds is the wall
-- time spent training in that epoch until the evaluation, every evaluation left out. The rows of an epoch are
-- written with it and replaced when a resumed trial replays it.
CREATE TABLE evaluations (
    trial_id BIGINT NOT NULL REFERENCES trials (id),
    step BIGINT NOT NULL,
    epoch INTEGER NOT NULL,
    epochs DOUBLE PRECISION NOT NULL,
    val_loss DOUBLE PRECISION,
    val_accuracy DOUBLE PRECISION,
    examples INTEGER NOT NULL,
    train_seconds DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (trial_id, step)
);
