-- Indexes no query uses, each written by every new alert or group and, for the alert's, by every
-- change of status (which moves the row to a new version on PostgreSQL, so each index takes an
-- entry again):
-- - alert (fingerprint, first_seen): open alerts are found by open_fingerprint, repeats by
--   alert_activity; nothing looks up an alert's past by its fingerprint.
-- - alert (suppressed_by): suppressed alerts are looked up with status = 'SUPPRESSED', which the
--   status index narrows to the few open suppressed ones.
-- - alert_group (created_at): routing found new groups by it until alert_group_unrouted (V8).
DROP INDEX alert_fingerprint_ix;
DROP INDEX alert_suppressed_by_ix;
DROP INDEX alert_group_created_ix;
