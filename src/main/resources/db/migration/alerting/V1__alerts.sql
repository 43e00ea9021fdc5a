-- Integrations: the doors external senders use (an Alertmanager webhook receiver, a PagerDuty-style
-- sender, a script posting plain JSON). Each has a key; only its SHA-256 hash is kept, so a stolen
-- database opens no door, and a request finds its integration with one indexed lookup.
CREATE TABLE alert_integration (
    id                 UUID PRIMARY KEY,
    name               VARCHAR(100) NOT NULL,
    -- The name in lower case: names are unique whatever their case (H2 has no index on LOWER(name)).
    name_key           VARCHAR(100) NOT NULL,
    kind               VARCHAR(20)  NOT NULL,
    key_hash           CHAR(64)     NOT NULL,
    key_prefix         VARCHAR(20)  NOT NULL,
    -- Label names whose values make an event's fingerprint when the sender gives no dedup key;
    -- comma-separated, empty for all labels.
    fingerprint_fields VARCHAR(1000) NOT NULL,
    enabled            BOOLEAN      NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by         VARCHAR(100) NOT NULL,
    version            INTEGER      NOT NULL
);
CREATE UNIQUE INDEX alert_integration_name_ux ON alert_integration (name_key);
CREATE UNIQUE INDEX alert_integration_key_ux ON alert_integration (key_hash);

-- Alerts: one per problem episode. Events with the same fingerprint count as occurrences of the
-- open alert; once it is resolved, the next trigger opens a new one. open_fingerprint holds the
-- fingerprint while the alert is open and is null after: its unique index is what keeps two nodes
-- from opening the same alert twice, and it is what a batch locks its alerts by.
CREATE TABLE alert (
    id                UUID PRIMARY KEY,
    fingerprint       CHAR(64)      NOT NULL,
    open_fingerprint  CHAR(64),
    source            VARCHAR(100)  NOT NULL,
    dedup_key         VARCHAR(255),
    status            VARCHAR(12)   NOT NULL,
    severity          VARCHAR(8)    NOT NULL,
    summary           VARCHAR(1000) NOT NULL,
    ci_id             UUID,
    -- The sender's hints when no CI was found, so that an unmapped alert says what it was about.
    ci_hint           VARCHAR(300),
    labels            TEXT          NOT NULL,
    details           TEXT          NOT NULL,
    link              VARCHAR(2000),
    first_seen        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen         TIMESTAMP WITH TIME ZONE NOT NULL,
    occurrences       BIGINT        NOT NULL,
    acknowledged_at   TIMESTAMP WITH TIME ZONE,
    acknowledged_by   VARCHAR(100),
    resolved_at       TIMESTAMP WITH TIME ZONE,
    resolved_by       VARCHAR(100),
    version           INTEGER       NOT NULL
);
CREATE UNIQUE INDEX alert_open_fingerprint_ux ON alert (open_fingerprint);
CREATE INDEX alert_fingerprint_ix ON alert (fingerprint, first_seen);
CREATE INDEX alert_status_ix ON alert (status, last_seen);
CREATE INDEX alert_ci_ix ON alert (ci_id, first_seen);

-- What happened to an alert, for its timeline: opened, severity changed, acknowledged, resolved,
-- by whom (a person, or the source). Repeated triggers only count occurrences on the alert.
CREATE TABLE alert_history (
    id        UUID PRIMARY KEY,
    alert_id  UUID         NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    kind      VARCHAR(20)  NOT NULL,
    status    VARCHAR(12)  NOT NULL,
    severity  VARCHAR(8)   NOT NULL,
    actor     VARCHAR(100) NOT NULL,
    text      VARCHAR(1000)
);
CREATE INDEX alert_history_alert_ix ON alert_history (alert_id, at);
