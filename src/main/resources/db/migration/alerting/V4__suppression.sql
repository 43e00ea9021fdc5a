-- Why an open alert is suppressed: silence:<id>, maintenance:<downtime id>, inhibited-by:<alert id>,
-- caused-by-ci:<CI id>; null while it is not. Kept on a resolved alert: what it was suppressed by when
-- it ended.
ALTER TABLE alert ADD COLUMN suppressed_by VARCHAR(100);
CREATE INDEX alert_suppressed_by_ix ON alert (suppressed_by);

-- A source's RESOLVE that found no open alert: its TRIGGER may still be on its way (monitoring's state
-- changes are handled on parallel threads), and a trigger not newer than this resolve must open
-- nothing. Insert only, so that nodes never contend; the newest row per fingerprint counts, and rows
-- are deleted once kept_until has passed.
CREATE TABLE alert_early_resolve (
    fingerprint  CHAR(64) NOT NULL,
    resolved_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    kept_until   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX alert_early_resolve_fingerprint_ix ON alert_early_resolve (fingerprint, resolved_at);
CREATE INDEX alert_early_resolve_kept_ix ON alert_early_resolve (kept_until);

-- Silences, as Alertmanager's: alerts whose labels match every matcher are suppressed from
-- starts_at until ends_at. matchers is a JSON array of {name, operator, value}. Expiring a silence
-- sets ends_at to the moment it was expired; silences are kept, for the record.
CREATE TABLE alert_silence (
    id          UUID PRIMARY KEY,
    matchers    TEXT          NOT NULL,
    starts_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(100)  NOT NULL,
    comment     VARCHAR(1000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     INTEGER       NOT NULL
);
CREATE INDEX alert_silence_ends_ix ON alert_silence (ends_at);

-- Monitoring's downtimes as alerting learnt of them (DowntimeStarted / DowntimeEnded): alerts on
-- their CIs are suppressed while they last. One row per downtime; a weekly downtime's next window
-- replaces its last one.
CREATE TABLE alert_maintenance (
    downtime_id  UUID PRIMARY KEY,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    author       VARCHAR(100),
    comment      VARCHAR(1000),
    ended_at     TIMESTAMP WITH TIME ZONE,
    cancelled    BOOLEAN NOT NULL
);
CREATE INDEX alert_maintenance_ended_ix ON alert_maintenance (ended_at);

CREATE TABLE alert_maintenance_ci (
    downtime_id  UUID NOT NULL REFERENCES alert_maintenance (downtime_id) ON DELETE CASCADE,
    ci_id        UUID NOT NULL,
    PRIMARY KEY (downtime_id, ci_id)
);

-- Inhibition rules, as Alertmanager's: while an open, unsuppressed alert matches source_matchers, open
-- alerts matching target_matchers that carry the same values for every label in equal_labels
-- (comma-separated) are suppressed.
CREATE TABLE alert_inhibition_rule (
    id               UUID PRIMARY KEY,
    name             VARCHAR(100)  NOT NULL,
    source_matchers  TEXT          NOT NULL,
    target_matchers  TEXT          NOT NULL,
    equal_labels     VARCHAR(2000) NOT NULL,
    created_by       VARCHAR(100)  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    version          INTEGER       NOT NULL
);
