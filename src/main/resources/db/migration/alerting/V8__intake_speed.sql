-- Fingerprints and group keys are hex digests of a fixed 64 characters; as VARCHAR they compare as
-- plain strings (a CHAR compares with blank padding), which is most of the cost of finding an open
-- alert by fingerprint on H2.
ALTER TABLE alert ALTER COLUMN fingerprint SET DATA TYPE VARCHAR(64);
ALTER TABLE alert ALTER COLUMN open_fingerprint SET DATA TYPE VARCHAR(64);
ALTER TABLE alert_early_resolve ALTER COLUMN fingerprint SET DATA TYPE VARCHAR(64);
ALTER TABLE alert_group ALTER COLUMN open_group_key SET DATA TYPE VARCHAR(64);

-- A repeated trigger moves last_seen; an index holding last_seen was rewritten by every repeat.
-- Lists order by status and severity first, so the status alone is what an index serves.
DROP INDEX alert_status_ix;
CREATE INDEX alert_status_ix ON alert (status);

-- Groups opened and not yet routed: the escalation engine's queue. A node routes what is here and
-- removes it in the same transaction that records the escalation, so the queue stays as short as
-- the work not yet done, however many groups a storm opens.
CREATE TABLE alert_group_unrouted (
    group_id    UUID PRIMARY KEY REFERENCES alert_group (id) ON DELETE CASCADE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX alert_group_unrouted_created_ix ON alert_group_unrouted (created_at);
INSERT INTO alert_group_unrouted (group_id, created_at)
    SELECT g.id, g.created_at FROM alert_group g WHERE g.status = 'OPEN'
        AND NOT EXISTS (SELECT 1 FROM alert_escalation e WHERE e.group_id = g.id);
