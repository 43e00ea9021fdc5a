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

-- What changes with every repeat of an open alert, kept apart from the alert's wide row: most
-- events of an outage are repeats, and an update rewrites the row it touches (on H2, the whole
-- storage page). One row per open alert, found by its fingerprint; the row goes when the alert
-- ends, and its counts are then written onto the alert. content_hash digests what the alert says
-- (severity, summary, labels, details, link): a repeat saying the same only counts here.
CREATE TABLE alert_activity (
    fingerprint   VARCHAR(64) PRIMARY KEY,
    alert_id      UUID        NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
    content_hash  VARCHAR(64) NOT NULL,
    occurrences   BIGINT      NOT NULL,
    first_seen    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX alert_activity_alert_ux ON alert_activity (alert_id);
-- Open alerts from before: an empty hash matches no repeat, so their next repeat takes the locked
-- path once, which stores the hash.
INSERT INTO alert_activity (fingerprint, alert_id, content_hash, occurrences, first_seen, last_seen)
    SELECT open_fingerprint, id, '', occurrences, first_seen, last_seen FROM alert WHERE open_fingerprint IS NOT NULL;

-- Alerts as they are now: an open alert's counts are those of its activity row.
CREATE VIEW alert_now AS
    SELECT a.id, a.fingerprint, a.open_fingerprint, a.source, a.dedup_key, a.status, a.severity, a.summary, a.ci_id,
        a.ci_hint, a.labels, a.details, a.link, COALESCE(o.first_seen, a.first_seen) AS first_seen,
        COALESCE(o.last_seen, a.last_seen) AS last_seen, COALESCE(o.occurrences, a.occurrences) AS occurrences,
        a.acknowledged_at, a.acknowledged_by, a.resolved_at, a.resolved_by, a.suppressed_by, a.version
    FROM alert a LEFT JOIN alert_activity o ON o.alert_id = a.id;
