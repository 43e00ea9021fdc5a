-- PostgreSQL only: the retention job deletes the blocks whose samples are all older than the
-- retention, a chunk at a time, for the reasons V6_1 gives for check_sample's index on the time.
CREATE INDEX check_sample_block_last_at_ix ON check_sample_block (last_at);
