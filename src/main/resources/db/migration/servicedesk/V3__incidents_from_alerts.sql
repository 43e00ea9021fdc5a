-- Incidents opened from alert groups by ordered rules, and the alerts each incident follows.

-- Rules are tried by position (1 first); the first enabled rule an alert group's root alert meets
-- opens the incident. ci_classes and environments hold inventory keys separated by commas; empty
-- means any.
CREATE TABLE incident_rule (
    id            UUID PRIMARY KEY,
    name          VARCHAR(100) NOT NULL,
    position      INTEGER      NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    min_severity  VARCHAR(10)  NOT NULL,
    ci_classes    VARCHAR(200) NOT NULL,
    environments  VARCHAR(100) NOT NULL,
    impact        SMALLINT     NOT NULL,
    urgency       SMALLINT     NOT NULL,
    team_id       UUID,
    category      VARCHAR(60),
    auto_resolve  BOOLEAN      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       BIGINT       NOT NULL,
    CONSTRAINT incident_rule_name_uk UNIQUE (name)
);

-- The alert groups an incident follows. The primary key makes "one incident per group" hold across
-- nodes and redeliveries: the node that inserts the row opens the incident, in the same
-- transaction; incident_id is filled in by it before that transaction commits.
CREATE TABLE incident_alert_group (
    group_id      UUID PRIMARY KEY,
    incident_id   UUID REFERENCES incident (id) ON DELETE CASCADE,
    title         VARCHAR(200) NOT NULL,
    rule_id       UUID,
    rule_name     VARCHAR(100),
    auto_resolve  BOOLEAN      NOT NULL,
    linked_by     VARCHAR(100) NOT NULL,
    linked_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX incident_alert_group_incident_ix ON incident_alert_group (incident_id);

-- The alerts of those groups, as the incident's timeline has told of them.
CREATE TABLE incident_alert (
    incident_id   UUID         NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    alert_id      UUID         NOT NULL,
    group_id      UUID         NOT NULL,
    ci_id         UUID,
    severity      VARCHAR(10)  NOT NULL,
    summary       VARCHAR(1000) NOT NULL,
    fired_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at   TIMESTAMP WITH TIME ZONE,
    linked_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (incident_id, alert_id)
);
CREATE INDEX incident_alert_open_ix ON incident_alert (resolved_at, incident_id);

-- When every alert an incident follows was last found resolved (null while one is open): the
-- "all linked alerts resolved" line is written once per time it becomes true.
CREATE TABLE incident_alerts_resolved (
    incident_id   UUID PRIMARY KEY REFERENCES incident (id) ON DELETE CASCADE,
    resolved_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
