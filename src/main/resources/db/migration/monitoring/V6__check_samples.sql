-- What checks measured, over time: every result's performance values and its duration, one row
-- per value, in the value's base unit (seconds, bytes; % and counters as reported), so that a
-- check's page can draw them. Written in large batches by the result processor and read back a
-- label at a time, so the one index leads with (check_id, label) and ends with the time.
-- No primary key and no foreign key: each would cost every one of thousands of inserts a
-- second, and deleting a check would then delete its samples in one huge statement; samples of
-- a deleted check are not read any more and go with the retention job instead.
-- "value" is a keyword in H2, hence sample_value.
CREATE TABLE check_sample (
    check_id     UUID             NOT NULL,
    label        VARCHAR(100)     NOT NULL,
    unit         VARCHAR(10)      NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    sample_value DOUBLE PRECISION NOT NULL
);
CREATE INDEX check_sample_series_ix ON check_sample (check_id, label, at);
