-- On-call schedules: who is reachable when. A schedule's rotations (layers) and overrides are
-- computed into shifts when asked; nothing precomputed is stored, so an edit takes effect at once.
-- The calendar feed token is kept only as its SHA-256 hash, like integration keys.
CREATE TABLE oncall_schedule (
    id              UUID PRIMARY KEY,
    name            VARCHAR(100)  NOT NULL,
    -- The name in lower case: names are unique whatever their case (H2 has no index on LOWER(name)).
    name_key        VARCHAR(100)  NOT NULL,
    description     VARCHAR(1000),
    time_zone       VARCHAR(64)   NOT NULL,
    feed_token_hash CHAR(64)      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         INTEGER       NOT NULL
);
CREATE UNIQUE INDEX oncall_schedule_name_ux ON oncall_schedule (name_key);
CREATE UNIQUE INDEX oncall_schedule_feed_ux ON oncall_schedule (feed_token_hash);

-- A rotation. Higher positions are higher layers and win where they have someone. Start and end
-- are local date-times in the schedule's zone (a rotation follows the wall clock across DST);
-- participants are user ids, comma-separated, in rotation order.
CREATE TABLE oncall_layer (
    schedule_id   UUID          NOT NULL REFERENCES oncall_schedule (id) ON DELETE CASCADE,
    position      INTEGER       NOT NULL,
    name          VARCHAR(100)  NOT NULL,
    rotation      VARCHAR(10)   NOT NULL,
    shift_hours   INTEGER,
    handoff_time  VARCHAR(5)    NOT NULL,
    handoff_day   VARCHAR(10),
    starts_at     TIMESTAMP     NOT NULL,
    ends_at       TIMESTAMP,
    participants  VARCHAR(4000) NOT NULL,
    PRIMARY KEY (schedule_id, position)
);

-- Someone takes over for a while, above every layer. Where overrides overlap, the later-created wins.
CREATE TABLE oncall_override (
    id          UUID PRIMARY KEY,
    schedule_id UUID          NOT NULL REFERENCES oncall_schedule (id) ON DELETE CASCADE,
    user_id     UUID          NOT NULL,
    starts_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(100)  NOT NULL
);
CREATE INDEX oncall_override_schedule_ix ON oncall_override (schedule_id, ends_at);

-- Escalation policies: whom to reach, level after level, until someone acknowledges.
CREATE TABLE escalation_policy (
    id           UUID PRIMARY KEY,
    name         VARCHAR(100)  NOT NULL,
    name_key     VARCHAR(100)  NOT NULL,
    description  VARCHAR(1000),
    repeat_count INTEGER       NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    version      INTEGER       NOT NULL
);
CREATE UNIQUE INDEX escalation_policy_name_ux ON escalation_policy (name_key);

CREATE TABLE escalation_level (
    policy_id     UUID    NOT NULL REFERENCES escalation_policy (id) ON DELETE CASCADE,
    level_no      INTEGER NOT NULL,
    delay_minutes INTEGER NOT NULL,
    PRIMARY KEY (policy_id, level_no)
);

-- A target is a user, a schedule (reached by email through the channel in via_channel_id) or a
-- channel notified directly. Channels belong to the notification part of the module; their ids
-- are checked when that part joins.
CREATE TABLE escalation_target (
    policy_id      UUID        NOT NULL REFERENCES escalation_policy (id) ON DELETE CASCADE,
    level_no       INTEGER     NOT NULL,
    position       INTEGER     NOT NULL,
    kind           VARCHAR(10) NOT NULL,
    target_id      UUID        NOT NULL,
    via_channel_id UUID,
    PRIMARY KEY (policy_id, level_no, position)
);
CREATE INDEX escalation_target_ix ON escalation_target (target_id);

-- Routing rules, first enabled match wins. Conditions are a JSON document (sets of values, label
-- matchers, a time window): read whole into memory and matched there, never queried by SQL.
-- The foreign key keeps a policy in use from being deleted, even by two nodes racing.
CREATE TABLE routing_rule (
    id          UUID PRIMARY KEY,
    name        VARCHAR(100)  NOT NULL,
    position    INTEGER       NOT NULL,
    enabled     BOOLEAN       NOT NULL,
    conditions  TEXT          NOT NULL,
    policy_id   UUID          NOT NULL REFERENCES escalation_policy (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     INTEGER       NOT NULL
);
CREATE INDEX routing_rule_position_ix ON routing_rule (position);
CREATE INDEX routing_rule_policy_ix ON routing_rule (policy_id);
