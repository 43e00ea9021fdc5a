-- Post-incident reviews: what happened in a major incident, why, and what the organisation does so it
-- does not happen again. The unique key keeps an incident to one review, whichever node starts it.
CREATE TABLE incident_review (
    id           UUID PRIMARY KEY,
    incident_id  UUID          NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    state        VARCHAR(20)   NOT NULL,
    summary      VARCHAR(20000),
    impact       VARCHAR(20000),
    root_cause   VARCHAR(20000),
    lessons      VARCHAR(20000),
    started_by   VARCHAR(100)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE,
    version      BIGINT        NOT NULL,
    CONSTRAINT incident_review_incident_uk UNIQUE (incident_id)
);
CREATE INDEX incident_review_state_ix ON incident_review (state, created_at);

CREATE TABLE incident_review_factor (
    review_id UUID          NOT NULL REFERENCES incident_review (id) ON DELETE CASCADE,
    position  INT           NOT NULL,
    body      VARCHAR(2000) NOT NULL,
    PRIMARY KEY (review_id, position)
);

-- The timeline excerpt: either a chosen line of the incident's timeline (by reference, so it reads as
-- the timeline does) or a line written for the review about something outside Opsline, with its time.
CREATE TABLE incident_review_excerpt (
    review_id UUID          NOT NULL REFERENCES incident_review (id) ON DELETE CASCADE,
    position  INT           NOT NULL,
    entry_id  UUID          REFERENCES incident_entry (id) ON DELETE CASCADE,
    at        TIMESTAMP WITH TIME ZONE,
    body      VARCHAR(2000),
    PRIMARY KEY (review_id, position),
    CONSTRAINT incident_review_excerpt_kind_ck CHECK ((entry_id IS NULL) <> (at IS NULL AND body IS NULL))
);

CREATE TABLE review_action_item (
    id         UUID PRIMARY KEY,
    review_id  UUID          NOT NULL REFERENCES incident_review (id) ON DELETE CASCADE,
    title      VARCHAR(200)  NOT NULL,
    owner_id   UUID          NOT NULL,
    due_on     DATE          NOT NULL,
    state      VARCHAR(10)   NOT NULL,
    created_by VARCHAR(100)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at    TIMESTAMP WITH TIME ZONE,
    done_by    VARCHAR(100),
    version    BIGINT        NOT NULL
);
CREATE INDEX review_action_item_state_ix ON review_action_item (state, due_on);
CREATE INDEX review_action_item_owner_ix ON review_action_item (owner_id, state, due_on);
CREATE INDEX review_action_item_review_ix ON review_action_item (review_id);
