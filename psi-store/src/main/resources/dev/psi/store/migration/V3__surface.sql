-- The surface (task, i, eps_i, alpha_i) -> r_i that Psi is fitted to, written by psi sample: one row per
-- sampled epoch. kind says how alpha was chosen: walk (a random walk), grid (a constant rate), branch (an
-- oracle candidate's first lookahead epoch) or oracle (the candidate the oracle kept), so that the
-- branches of one epoch and the kept one coexist under (trial_id, epoch). The columns are those of
-- psi-lab's SurfaceRow, in its order: study, task and the task descriptors repeat the trial's so that the
-- table, and surface.csv, is the fitting data as it stands. loss0 is the first batch loss, loss the
-- smoothed loss when the epoch starts, next_loss the one when it ends, convergence ln(loss / next_loss).
CREATE TABLE surface (
    trial_id BIGINT NOT NULL REFERENCES trials (id),
    study TEXT NOT NULL,
    task TEXT NOT NULL,
    kind TEXT NOT NULL,
    dataset_size BIGINT NOT NULL,
    parameter_count BIGINT NOT NULL,
    batch_size INTEGER NOT NULL,
    optimizer_family TEXT NOT NULL,
    epochs INTEGER NOT NULL,
    loss0 DOUBLE PRECISION,
    epoch INTEGER NOT NULL,
    loss DOUBLE PRECISION,
    mean_loss DOUBLE PRECISION,
    lr DOUBLE PRECISION NOT NULL,
    next_loss DOUBLE PRECISION,
    convergence DOUBLE PRECISION,
    val_loss DOUBLE PRECISION,
    val_accuracy DOUBLE PRECISION,
    PRIMARY KEY (trial_id, epoch, kind, lr)
);

-- Epochs a trial trained in all, lookahead branches included: what an oracle trajectory cost. NULL for a
-- trial that trained only the epochs of its epochs rows.
ALTER TABLE trials ADD COLUMN epochs_trained INTEGER;
