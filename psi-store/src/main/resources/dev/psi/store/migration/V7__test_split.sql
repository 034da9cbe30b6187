-- The test part of a task's data: measured after every epoch beside the validation part, only reported, never
-- used to choose anything (targets, tuning, the oracle, Ψ's labels all use validation).
ALTER TABLE epochs ADD COLUMN test_loss DOUBLE PRECISION;
ALTER TABLE epochs ADD COLUMN test_accuracy DOUBLE PRECISION;
