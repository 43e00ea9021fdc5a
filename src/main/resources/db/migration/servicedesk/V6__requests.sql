-- Service requests: request types (a catalogue item with its own fields, an optional approver and
-- the fulfilment tasks it needs), the requests people open from them, their tasks and timeline.
-- A request copies what it needs from its type (field labels, approver, team) when it is opened,
-- so editing a type later never changes a request already under way.
CREATE TABLE request_type (
    id                 UUID PRIMARY KEY,
    name               VARCHAR(100)  NOT NULL,
    description        VARCHAR(4000),
    team_id            UUID,
    -- At most one of the two: a named person approves, or any member of a team.
    approver_id        UUID,
    approver_team_id   UUID,
    active             BOOLEAN       NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT        NOT NULL,
    CONSTRAINT request_type_name_uk UNIQUE (name)
);

CREATE TABLE request_type_field (
    type_id     UUID         NOT NULL REFERENCES request_type (id) ON DELETE CASCADE,
    position    INTEGER      NOT NULL,
    field_key   VARCHAR(40)  NOT NULL,
    label       VARCHAR(100) NOT NULL,
    kind        VARCHAR(20)  NOT NULL,
    required    BOOLEAN      NOT NULL,
    -- The choices of a CHOICE field, one per line.
    choices     VARCHAR(6000),
    max_length  INTEGER,
    PRIMARY KEY (type_id, position)
);

CREATE TABLE request_type_task (
    type_id   UUID         NOT NULL REFERENCES request_type (id) ON DELETE CASCADE,
    position  INTEGER      NOT NULL,
    title     VARCHAR(200) NOT NULL,
    team_id   UUID,
    PRIMARY KEY (type_id, position)
);

CREATE SEQUENCE service_request_number_seq START WITH 1;

CREATE TABLE service_request (
    id               UUID PRIMARY KEY,
    number           BIGINT        NOT NULL,
    type_id          UUID          NOT NULL REFERENCES request_type (id),
    type_name        VARCHAR(100)  NOT NULL,
    requester_id     UUID          NOT NULL,
    opened_by        VARCHAR(100)  NOT NULL,
    state            VARCHAR(20)   NOT NULL,
    approver_id      UUID,
    approver_team_id UUID,
    decided_by       VARCHAR(100),
    decided_at       TIMESTAMP WITH TIME ZONE,
    decision_comment VARCHAR(4000),
    team_id          UUID,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    fulfilled_at     TIMESTAMP WITH TIME ZONE,
    closed_at        TIMESTAMP WITH TIME ZONE,
    version          BIGINT        NOT NULL,
    CONSTRAINT service_request_number_uk UNIQUE (number)
);
CREATE INDEX service_request_state_ix ON service_request (state, created_at);
CREATE INDEX service_request_requester_ix ON service_request (requester_id, created_at);
CREATE INDEX service_request_type_ix ON service_request (type_id);

CREATE TABLE service_request_value (
    request_id  UUID          NOT NULL REFERENCES service_request (id) ON DELETE CASCADE,
    position    INTEGER       NOT NULL,
    field_key   VARCHAR(40)   NOT NULL,
    label       VARCHAR(100)  NOT NULL,
    value       VARCHAR(20000),
    PRIMARY KEY (request_id, position)
);

CREATE TABLE request_task (
    id          UUID PRIMARY KEY,
    request_id  UUID          NOT NULL REFERENCES service_request (id) ON DELETE CASCADE,
    position    INTEGER       NOT NULL,
    title       VARCHAR(200)  NOT NULL,
    team_id     UUID,
    assignee_id UUID,
    state       VARCHAR(10)   NOT NULL,
    done_by     VARCHAR(100),
    done_at     TIMESTAMP WITH TIME ZONE,
    version     BIGINT        NOT NULL
);
CREATE INDEX request_task_request_ix ON request_task (request_id, position);
CREATE INDEX request_task_assignee_ix ON request_task (assignee_id, state);

-- Comments are public (the requester sees them) or internal; the other kinds Opsline writes.
CREATE TABLE request_entry (
    id                    UUID PRIMARY KEY,
    request_id            UUID         NOT NULL REFERENCES service_request (id) ON DELETE CASCADE,
    at                    TIMESTAMP WITH TIME ZONE NOT NULL,
    kind                  VARCHAR(20)  NOT NULL,
    actor                 VARCHAR(100) NOT NULL,
    visible_to_requester  BOOLEAN      NOT NULL,
    body                  VARCHAR(20000),
    from_value            VARCHAR(200),
    to_value              VARCHAR(200)
);
CREATE INDEX request_entry_request_ix ON request_entry (request_id, at);
