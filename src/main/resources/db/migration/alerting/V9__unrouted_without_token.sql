-- An escalation that no routing rule took pages nobody, so no message ever carries its acknowledge
-- link: it is recorded without a token. Most groups of a storm are such, and making, sealing and
-- indexing a secret nobody can be sent was a share of every new group's cost.
ALTER TABLE alert_escalation ALTER COLUMN ack_token DROP NOT NULL;
ALTER TABLE alert_escalation ALTER COLUMN ack_token_hash DROP NOT NULL;
UPDATE alert_escalation SET ack_token = NULL, ack_token_hash = NULL WHERE status = 'UNROUTED';
