-- Rollups: a series' samples of one block summed up per bucket of a resolution (see RollupCodec),
-- written when the block is compacted and read for long ranges instead of every sample. Kept per
-- resolution for as long as opsline.metrics.retention says, in milliseconds like the chunks.
CREATE TABLE metric_rollup (
    series_id     BIGINT NOT NULL,
    resolution_ms BIGINT NOT NULL,
    block_start   BIGINT NOT NULL,
    payload       BYTEA  NOT NULL,
    CONSTRAINT metric_rollup_pk PRIMARY KEY (series_id, resolution_ms, block_start)
);
CREATE INDEX metric_rollup_age_ix ON metric_rollup (resolution_ms, block_start);

-- Blocks compacted before rollups existed are compacted again, which writes theirs.
UPDATE metric_block SET compacted_at = NULL WHERE compacted_at IS NOT NULL;
