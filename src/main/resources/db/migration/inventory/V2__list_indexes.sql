-- Indexes the CI list needs at 100,000 CIs (measured with bench/inventory):
-- * class + status, the list's commonest filter pair: its count is read from the index alone,
--   and PostgreSQL reads the first page in name order straight from it.
-- * "recently changed" sorts by updated_at DESC, id DESC; after a bulk import every CI has the
--   same updated_at, so an index on updated_at alone still sorted the whole table per page.
--   H2 only walks an index in its declared direction, hence DESC here.
-- * the name order with the id, so a page deep into the list is found in the index alone
--   (PostgreSQL index-only scan) before its 50 rows are read.
CREATE INDEX ci_class_status_ix ON ci (ci_class, status, name_key);

DROP INDEX ci_updated_ix;
CREATE INDEX ci_updated_ix ON ci (updated_at DESC, id DESC);

DROP INDEX ci_name_ix;
CREATE INDEX ci_name_ix ON ci (name_key, ci_class, id);
