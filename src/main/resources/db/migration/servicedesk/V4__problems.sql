-- Problems: the root cause behind one or more incidents, investigated until it is understood (a
-- known error, with a workaround the desk can apply meanwhile) and then fixed. Their CIs are what
-- lets a new incident on the same CIs show the known error's workaround.
CREATE SEQUENCE problem_number_seq START WITH 1;

CREATE TABLE problem (
    id             UUID PRIMARY KEY,
    number         BIGINT        NOT NULL,
    title          VARCHAR(200)  NOT NULL,
    description    VARCHAR(20000),
    state          VARCHAR(20)   NOT NULL,
    root_cause     VARCHAR(20000),
    workaround     VARCHAR(20000),
    team_id        UUID,
    assignee_id    UUID,
    opened_by      VARCHAR(100)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    known_error_at TIMESTAMP WITH TIME ZONE,
    resolved_at    TIMESTAMP WITH TIME ZONE,
    closed_at      TIMESTAMP WITH TIME ZONE,
    version        BIGINT        NOT NULL,
    CONSTRAINT problem_number_uk UNIQUE (number)
);
CREATE INDEX problem_state_ix ON problem (state, created_at);

CREATE TABLE problem_ci (
    problem_id UUID NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
    ci_id      UUID NOT NULL,
    PRIMARY KEY (problem_id, ci_id)
);
CREATE INDEX problem_ci_ci_ix ON problem_ci (ci_id);

-- The primary key keeps an incident from being linked twice to one problem, whichever node links it.
CREATE TABLE problem_incident (
    problem_id  UUID         NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
    incident_id UUID         NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    linked_by   VARCHAR(100) NOT NULL,
    linked_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (problem_id, incident_id)
);
CREATE INDEX problem_incident_incident_ix ON problem_incident (incident_id);

CREATE TABLE problem_entry (
    id         UUID PRIMARY KEY,
    problem_id UUID         NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    kind       VARCHAR(30)  NOT NULL,
    actor      VARCHAR(100) NOT NULL,
    body       VARCHAR(20000),
    from_value VARCHAR(200),
    to_value   VARCHAR(200)
);
CREATE INDEX problem_entry_problem_ix ON problem_entry (problem_id, at);
