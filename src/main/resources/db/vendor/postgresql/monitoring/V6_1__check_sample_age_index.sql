-- PostgreSQL only: the retention job deletes the oldest samples a chunk at a time. A deleted row
-- stays in its page until vacuum, so without an index on the time each chunk would read again
-- past every row the chunks before it deleted; through this index it reaches the next old rows
-- directly (PostgreSQL marks the index entries of dead rows and skips them). H2 removes deleted
-- rows at once and keeps rows in insertion order, so it finds the oldest ones first without it.
CREATE INDEX check_sample_at_ix ON check_sample (at);
