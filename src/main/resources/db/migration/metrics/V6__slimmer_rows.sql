-- Every row costs its header and index entries again, and there is a row per series and one per
-- chunk, so rows carry only what is read:
-- - a series' metric name is in its labels, and nothing read when it was created;
-- - 128 bits of SHA-256 keep labels apart as surely as 256 (a collision is not expected before
--   some 10^19 series) in half the key;
-- - a chunk is found by its series and time: a flush rewrites the row of its series that starts
--   and ends where the chunk did when last written, and compaction deletes rows the same way,
--   so no row id and no index on one.
ALTER TABLE metric_series DROP COLUMN metric_name;
ALTER TABLE metric_series DROP COLUMN created_at;
UPDATE metric_series SET labels_hash = SUBSTRING(labels_hash FROM 1 FOR 16);
ALTER TABLE metric_chunk DROP COLUMN id;
