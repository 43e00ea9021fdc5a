-- Grouping rules: ordered (sort_order), the first that matches an alert decides its group key. Matchers
-- and groupBy are JSON lists; an alert lacking a groupBy label does not match the rule.
CREATE TABLE alert_grouping_rule (
    id              UUID PRIMARY KEY,
    name            VARCHAR(100)  NOT NULL,
    -- The name in lower case: names are unique whatever their case (H2 has no index on LOWER(name)).
    name_key        VARCHAR(100)  NOT NULL,
    sort_order      INTEGER       NOT NULL,
    matchers        TEXT          NOT NULL,
    group_by        TEXT          NOT NULL,
    window_seconds  BIGINT        NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         INTEGER       NOT NULL
);
CREATE UNIQUE INDEX alert_grouping_rule_name_ux ON alert_grouping_rule (name_key);

-- Alert groups: every alert belongs to exactly one; a group of one is normal. open_group_key holds a
-- rule group's key (a hash of the rule id and its groupBy values) while the group still takes alerts of
-- that key, and is null once it is resolved or a newer group of the key took over: its unique index keeps
-- two nodes from opening two groups for one key.
CREATE TABLE alert_group (
    id              UUID PRIMARY KEY,
    title           VARCHAR(1000) NOT NULL,
    status          VARCHAR(10)   NOT NULL,
    reason          VARCHAR(10)   NOT NULL,
    rule_id         UUID,
    rule_name       VARCHAR(100),
    group_key       VARCHAR(1000),
    open_group_key  CHAR(64),
    first_alert_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_alert_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    member_count    INTEGER       NOT NULL,
    -- Open members by severity: the group's severity and status follow from these without reading
    -- its members, which a storm makes many.
    open_critical   INTEGER       NOT NULL,
    open_error      INTEGER       NOT NULL,
    open_warning    INTEGER       NOT NULL,
    open_info       INTEGER       NOT NULL,
    -- The worst severity among open members; once resolved, the worst they had last.
    severity        VARCHAR(8)    NOT NULL,
    root_alert_id   UUID          NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at     TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX alert_group_open_key_ux ON alert_group (open_group_key);
CREATE INDEX alert_group_status_ix ON alert_group (status, last_alert_at);

-- Which group an alert belongs to, with what correlation needs of the alert (its CI, severity, whether
-- it is open), so that a batch works out its groups from this table alone.
CREATE TABLE alert_group_member (
    alert_id    UUID PRIMARY KEY REFERENCES alert (id) ON DELETE CASCADE,
    group_id    UUID          NOT NULL REFERENCES alert_group (id) ON DELETE CASCADE,
    ci_id       UUID,
    severity    VARCHAR(8)    NOT NULL,
    is_open     BOOLEAN       NOT NULL,
    first_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
    summary     VARCHAR(1000) NOT NULL,
    joined_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    reason      VARCHAR(1000) NOT NULL
);
CREATE INDEX alert_group_member_group_ix ON alert_group_member (group_id, first_seen);

-- The CIs a group's alerts are on, each with the first of its alerts on it to join: what topology joins
-- new alerts by, and what the root cause is chosen from, one row per CI however many alerts it has.
CREATE TABLE alert_group_ci (
    group_id    UUID          NOT NULL REFERENCES alert_group (id) ON DELETE CASCADE,
    ci_id       UUID          NOT NULL,
    alert_id    UUID          NOT NULL,
    first_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
    summary     VARCHAR(1000) NOT NULL,
    PRIMARY KEY (group_id, ci_id)
);

-- What happened to a group, for its timeline: opened, alert joined (and why), root cause changed, resolved.
CREATE TABLE alert_group_history (
    id        UUID PRIMARY KEY,
    group_id  UUID          NOT NULL REFERENCES alert_group (id) ON DELETE CASCADE,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    kind      VARCHAR(20)   NOT NULL,
    alert_id  UUID,
    text      VARCHAR(1000)
);
CREATE INDEX alert_group_history_group_ix ON alert_group_history (group_id, at);
