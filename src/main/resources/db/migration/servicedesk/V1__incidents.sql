-- Incidents: numbered tickets with priority from impact × urgency, a lifecycle, and a timeline
-- of everything that happened to them. Business services are copied from the inventory's impact
-- analysis when the affected CIs change, so lists and reports filter on them without a join
-- into another module's tables.
CREATE SEQUENCE incident_number_seq START WITH 1;

CREATE TABLE incident (
    id               UUID PRIMARY KEY,
    number           BIGINT        NOT NULL,
    title            VARCHAR(200)  NOT NULL,
    description      VARCHAR(20000),
    caller_id        UUID,
    opened_by        VARCHAR(100)  NOT NULL,
    opened_through   VARCHAR(20)   NOT NULL,
    category         VARCHAR(60),
    impact           SMALLINT      NOT NULL,
    urgency          SMALLINT      NOT NULL,
    priority         SMALLINT      NOT NULL,
    major            BOOLEAN       NOT NULL,
    state            VARCHAR(20)   NOT NULL,
    hold_reason      VARCHAR(30),
    resolution_code  VARCHAR(30),
    resolution_notes VARCHAR(4000),
    team_id          UUID,
    assignee_id      UUID,
    -- When the trouble began: the first linked alert's firing, else the creation.
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- First response: the first time someone took it out of New.
    responded_at     TIMESTAMP WITH TIME ZONE,
    resolved_at      TIMESTAMP WITH TIME ZONE,
    closed_at        TIMESTAMP WITH TIME ZONE,
    version          BIGINT        NOT NULL,
    CONSTRAINT incident_number_uk UNIQUE (number)
);
CREATE INDEX incident_state_priority_ix ON incident (state, priority, created_at);
CREATE INDEX incident_team_ix ON incident (team_id, state);
CREATE INDEX incident_assignee_ix ON incident (assignee_id, state);
CREATE INDEX incident_caller_ix ON incident (caller_id, created_at);
CREATE INDEX incident_created_ix ON incident (created_at);
CREATE INDEX incident_resolved_ix ON incident (resolved_at);

CREATE TABLE incident_ci (
    incident_id UUID NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    ci_id       UUID NOT NULL,
    PRIMARY KEY (incident_id, ci_id)
);
CREATE INDEX incident_ci_ci_ix ON incident_ci (ci_id);

CREATE TABLE incident_service (
    incident_id UUID NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    service_id  UUID NOT NULL,
    PRIMARY KEY (incident_id, service_id)
);
CREATE INDEX incident_service_service_ix ON incident_service (service_id);

-- Comments are public (the caller sees them), work notes internal; the other kinds are written
-- by Opsline as things happen. from_value/to_value hold what a change changed.
CREATE TABLE incident_entry (
    id          UUID PRIMARY KEY,
    incident_id UUID         NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    kind        VARCHAR(30)  NOT NULL,
    actor       VARCHAR(100) NOT NULL,
    visible_to_caller BOOLEAN NOT NULL,
    body        VARCHAR(20000),
    from_value  VARCHAR(200),
    to_value    VARCHAR(200)
);
CREATE INDEX incident_entry_incident_ix ON incident_entry (incident_id, at);
