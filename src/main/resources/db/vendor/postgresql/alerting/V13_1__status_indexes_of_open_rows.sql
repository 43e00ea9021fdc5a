-- The status indexes of alerts and groups hold open rows only. Every resolve gave its alert and its
-- group a new entry in them, yet what looks rows up by status asks for open ones: the console's open
-- alerts, the counts of open alerts, the open groups that topology may join. Resolved rows are listed
-- by reading the table in order, as before. H2 has no partial indexes and keeps its indexes.
DROP INDEX alert_status_ix;
CREATE INDEX alert_status_ix ON alert (status) WHERE open_fingerprint IS NOT NULL;
DROP INDEX alert_group_status_ix;
CREATE INDEX alert_group_status_ix ON alert_group (last_alert_at) WHERE status = 'OPEN';
