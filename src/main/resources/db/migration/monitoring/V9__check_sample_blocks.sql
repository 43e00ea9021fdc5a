-- What checks measured, over time, replacing check_sample's row per value (V6): at 10,000 results
-- a second, inserting a row per value into an index keyed by random check ids took most of a core
-- on H2. Each row is now a block of one label's samples, all from the same clock hour (UTC),
-- their times and values compressed into "samples" (the format is described in SampleCodec);
-- the writer stores results a batch at a time, so a row holds what a batch brought of a series.
-- Read back a label at a time: the one index leads with (check_id, label) and ends with the time
-- of a block's latest sample, so that a query finds the blocks ending in or after its range, and
-- since no block spans more than an hour, stops an hour after the range's end.
-- No primary key and no foreign key, for the reasons V6 gives.
CREATE TABLE check_sample_block (
    check_id     UUID                     NOT NULL,
    label        VARCHAR(100)             NOT NULL,
    unit         VARCHAR(10)              NOT NULL,
    first_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sample_count INTEGER                  NOT NULL,
    samples      BYTEA                    NOT NULL
);
CREATE INDEX check_sample_block_series_ix ON check_sample_block (check_id, label, last_at);
