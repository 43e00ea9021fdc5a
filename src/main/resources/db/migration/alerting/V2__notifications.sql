-- Notification channels: where messages about alerts go (an SMTP server, a webhook, a Slack or
-- Teams incoming webhook). What lets its holder post or sign in (an SMTP password, a webhook's HMAC
-- secret, any channel URL, since Slack and Teams URLs are credentials themselves) is sealed with
-- the node's secret key; url_hint keeps what may be shown (scheme and host).
CREATE TABLE notification_channel (
    id             UUID PRIMARY KEY,
    name           VARCHAR(100)  NOT NULL,
    -- The name in lower case: names are unique whatever their case (H2 has no index on LOWER(name)).
    name_key       VARCHAR(100)  NOT NULL,
    kind           VARCHAR(10)   NOT NULL,
    sealed_url     TEXT,
    url_hint       VARCHAR(300),
    sealed_secret  TEXT,
    smtp_host      VARCHAR(255),
    smtp_port      INTEGER,
    smtp_security  VARCHAR(10),
    smtp_username  VARCHAR(255),
    from_address   VARCHAR(320),
    -- Comma-separated e-mail addresses (an address has no comma once validated).
    recipients     VARCHAR(4000),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by     VARCHAR(100)  NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    version        INTEGER       NOT NULL
);
CREATE UNIQUE INDEX notification_channel_name_ux ON notification_channel (name_key);

-- The outbox: one row per message to send, written in the transaction that decided to send it.
-- delivery_key makes enqueueing idempotent (a caller retrying its transaction adds nothing).
-- A node claims due rows (PENDING and due, or SENDING with an expired lease) by setting SENDING
-- with its name and lease_until, committed before it sends; so nodes never send one concurrently.
CREATE TABLE notification_delivery (
    id               UUID PRIMARY KEY,
    delivery_key     VARCHAR(300)  NOT NULL,
    channel_id       UUID          NOT NULL REFERENCES notification_channel (id) ON DELETE CASCADE,
    alert_id         UUID,
    kind             VARCHAR(12)   NOT NULL,
    -- Addresses for an e-mail channel, comma-separated; empty for the channel's own recipients.
    recipients       VARCHAR(4000) NOT NULL,
    -- The NotificationMessage as JSON.
    message          TEXT          NOT NULL,
    status           VARCHAR(8)    NOT NULL,
    attempts         INTEGER       NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner      VARCHAR(200),
    lease_until      TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(1000)
);
CREATE UNIQUE INDEX notification_delivery_key_ux ON notification_delivery (delivery_key);
CREATE INDEX notification_delivery_due_ix ON notification_delivery (status, next_attempt_at);
CREATE INDEX notification_delivery_channel_ix ON notification_delivery (channel_id, created_at);
CREATE INDEX notification_delivery_alert_ix ON notification_delivery (alert_id, created_at);
CREATE INDEX notification_delivery_created_ix ON notification_delivery (created_at);

-- Every try to send a delivery, and how it went; a channel's health is read from its latest ones.
CREATE TABLE notification_attempt (
    id           UUID PRIMARY KEY,
    delivery_id  UUID          NOT NULL REFERENCES notification_delivery (id) ON DELETE CASCADE,
    channel_id   UUID          NOT NULL,
    attempt      INTEGER       NOT NULL,
    node         VARCHAR(200)  NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_ms  BIGINT        NOT NULL,
    succeeded    BOOLEAN       NOT NULL,
    -- The HTTP status or the SMTP server's last reply, when there was one.
    http_status  INTEGER,
    reply        VARCHAR(500),
    error        VARCHAR(1000)
);
CREATE INDEX notification_attempt_delivery_ix ON notification_attempt (delivery_id, started_at);
CREATE INDEX notification_attempt_channel_ix ON notification_attempt (channel_id, succeeded, started_at);
