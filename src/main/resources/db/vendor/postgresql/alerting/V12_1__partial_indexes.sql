-- Keys that most rows leave empty are indexed only where they are set. PostgreSQL indexes a NULL like
-- any value: every resolved alert, every group without a rule key and every escalation that pages
-- nobody added an entry that no query looks up, and each resolve wrote a new one. The lookups
-- (open_fingerprint IN ..., open_group_key IN ..., ack_token_hash = ..., status = 'ACTIVE') all
-- name a value, so the smaller indexes serve them as before. H2 has no partial indexes.
DROP INDEX alert_open_fingerprint_ux;
CREATE UNIQUE INDEX alert_open_fingerprint_ux ON alert (open_fingerprint) WHERE open_fingerprint IS NOT NULL;
DROP INDEX alert_group_open_key_ux;
CREATE UNIQUE INDEX alert_group_open_key_ux ON alert_group (open_group_key) WHERE open_group_key IS NOT NULL;
DROP INDEX alert_escalation_token_ux;
CREATE UNIQUE INDEX alert_escalation_token_ux ON alert_escalation (ack_token_hash) WHERE ack_token_hash IS NOT NULL;
DROP INDEX alert_escalation_due_ix;
CREATE INDEX alert_escalation_due_ix ON alert_escalation (next_step_at) WHERE status = 'ACTIVE';
