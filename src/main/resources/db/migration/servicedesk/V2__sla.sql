-- SLA clocks on business calendars. A calendar is working hours per weekday in one time zone,
-- less holidays; a policy gives response and resolution targets (in working time of its calendar)
-- per priority, optionally for one business service. Each incident has a response and a resolution
-- clock, chosen from the policies when it opens and again when its priority or services change.
CREATE TABLE business_calendar (
    id         UUID PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    time_zone  VARCHAR(60)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version    BIGINT       NOT NULL,
    CONSTRAINT business_calendar_name_uk UNIQUE (name)
);

-- Wall-clock minutes of the day: 0 is the midnight that begins it, 1440 the one that ends it.
CREATE TABLE business_calendar_hours (
    calendar_id  UUID     NOT NULL REFERENCES business_calendar (id) ON DELETE CASCADE,
    day_of_week  SMALLINT NOT NULL,
    start_minute SMALLINT NOT NULL,
    end_minute   SMALLINT NOT NULL,
    PRIMARY KEY (calendar_id, day_of_week, start_minute)
);

CREATE TABLE business_calendar_holiday (
    calendar_id  UUID NOT NULL REFERENCES business_calendar (id) ON DELETE CASCADE,
    holiday_date DATE NOT NULL,
    name         VARCHAR(100),
    PRIMARY KEY (calendar_id, holiday_date)
);

-- scope is the service id, or 'any' for the general policy of a priority: NULLs are distinct in
-- unique keys on both engines, so service_id alone could not keep two general policies apart.
CREATE TABLE sla_policy (
    id                   UUID PRIMARY KEY,
    name                 VARCHAR(100) NOT NULL,
    priority             SMALLINT     NOT NULL,
    service_id           UUID,
    scope                VARCHAR(36)  NOT NULL,
    calendar_id          UUID         NOT NULL REFERENCES business_calendar (id),
    response_target_ms   BIGINT       NOT NULL,
    resolution_target_ms BIGINT       NOT NULL,
    warning_percent      SMALLINT     NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    version              BIGINT       NOT NULL,
    CONSTRAINT sla_policy_scope_uk UNIQUE (priority, scope)
);

-- One clock per incident and kind. The target is copied from the policy when the clock is chosen,
-- so a later change to the policy does not move clocks already running. warn_at and due_at are the
-- instants the warning share and the target are (or, counting on, will be) used up: null while the
-- clock does not count towards them. warned_at/breached_at say the evaluator has told about them;
-- alert_severity is the severity of the SLA alert open in alerting for this clock, if any;
-- check_at the next instant the evaluator has something to do for it (null: nothing to come).
CREATE TABLE incident_sla (
    id              UUID PRIMARY KEY,
    incident_id     UUID        NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    kind            VARCHAR(20) NOT NULL,
    policy_id       UUID REFERENCES sla_policy (id) ON DELETE SET NULL,
    calendar_id     UUID        NOT NULL REFERENCES business_calendar (id),
    target_ms       BIGINT      NOT NULL,
    warning_percent SMALLINT    NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    stopped_at      TIMESTAMP WITH TIME ZONE,
    warn_at         TIMESTAMP WITH TIME ZONE,
    due_at          TIMESTAMP WITH TIME ZONE,
    warned_at       TIMESTAMP WITH TIME ZONE,
    breached_at     TIMESTAMP WITH TIME ZONE,
    alert_severity  VARCHAR(20),
    check_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT incident_sla_kind_uk UNIQUE (incident_id, kind)
);
CREATE INDEX incident_sla_check_ix ON incident_sla (check_at);
CREATE INDEX incident_sla_due_ix ON incident_sla (due_at);
CREATE INDEX incident_sla_calendar_ix ON incident_sla (calendar_id);

-- When an incident's clocks did not count: on hold, or resolved until reopened.
CREATE TABLE incident_sla_pause (
    id          UUID PRIMARY KEY,
    incident_id UUID NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    paused_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    resumed_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX incident_sla_pause_incident_ix ON incident_sla_pause (incident_id, paused_at);

-- Out of the box: round the clock in UTC, and targets per priority on it.
INSERT INTO business_calendar (id, name, time_zone, created_at, updated_at, version)
VALUES ('00000000-0000-0000-0000-000000002407', '24×7', 'UTC', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0);
INSERT INTO business_calendar_hours (calendar_id, day_of_week, start_minute, end_minute) VALUES
    ('00000000-0000-0000-0000-000000002407', 1, 0, 1440),
    ('00000000-0000-0000-0000-000000002407', 2, 0, 1440),
    ('00000000-0000-0000-0000-000000002407', 3, 0, 1440),
    ('00000000-0000-0000-0000-000000002407', 4, 0, 1440),
    ('00000000-0000-0000-0000-000000002407', 5, 0, 1440),
    ('00000000-0000-0000-0000-000000002407', 6, 0, 1440),
    ('00000000-0000-0000-0000-000000002407', 7, 0, 1440);
-- P1 15 min / 4 h, P2 30 min / 8 h, P3 4 h / 3 days, P4 8 h / 5 days, warning at 75 %.
INSERT INTO sla_policy (id, name, priority, service_id, scope, calendar_id, response_target_ms, resolution_target_ms,
        warning_percent, created_at, updated_at, version) VALUES
    ('00000000-0000-0000-0000-0000000051a1', 'P1 – Critical', 1, NULL, 'any', '00000000-0000-0000-0000-000000002407',
        900000, 14400000, 75, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0),
    ('00000000-0000-0000-0000-0000000051a2', 'P2 – High', 2, NULL, 'any', '00000000-0000-0000-0000-000000002407',
        1800000, 28800000, 75, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0),
    ('00000000-0000-0000-0000-0000000051a3', 'P3 – Moderate', 3, NULL, 'any', '00000000-0000-0000-0000-000000002407',
        14400000, 259200000, 75, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0),
    ('00000000-0000-0000-0000-0000000051a4', 'P4 – Low', 4, NULL, 'any', '00000000-0000-0000-0000-000000002407',
        28800000, 432000000, 75, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0);
