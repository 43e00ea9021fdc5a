-- Checks' samples are kept by the metrics module now. What check_sample_block (V9) holds is carried
-- into metrics once, at start-up, before any check writes a newer sample (metrics refuses a sample
-- older than its series' newest), by the one node that claims this row (LegacySampleCopy); that node
-- deletes each series' blocks once metrics has committed them, sets done_at and drops the table.
-- A node that finds the row claimed waits; it takes the claim over once claimed_until has passed.
CREATE TABLE check_sample_copy (
    id            INTEGER PRIMARY KEY,
    claimed_by    VARCHAR(200),
    claimed_until TIMESTAMP WITH TIME ZONE,
    done_at       TIMESTAMP WITH TIME ZONE
);
INSERT INTO check_sample_copy (id) VALUES (1);
