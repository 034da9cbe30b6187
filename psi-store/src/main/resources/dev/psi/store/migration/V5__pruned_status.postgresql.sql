-- Schema version 5 on PostgreSQL: trials.status may also be 'pruned', for a trial that a search (successive
-- halving, Hyperband) stopped on purpose before its budget because others did better. Such trials used to be
-- stored as 'failed'. SQLite has to rebuild the table instead (V5__pruned_status.sqlite.sql).
--
-- V1 declared the CHECK inline on the column, so PostgreSQL named it <table>_<column>_check. Both statements
-- run in the migration's transaction: no client ever sees trials without the constraint.
ALTER TABLE trials DROP CONSTRAINT trials_status_check;

ALTER TABLE trials ADD CONSTRAINT trials_status_check
    CHECK (status IN ('running', 'completed', 'diverged', 'failed', 'pruned'));
