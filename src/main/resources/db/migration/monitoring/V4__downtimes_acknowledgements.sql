-- Scheduled downtimes: times when problems on some CIs or checks are expected and nobody is to be
-- told. The scope is a CI (optionally with everything running on or connected to it), one check
-- of a CI, or every CI carrying a tag; tags and dependents are resolved while the downtime runs,
-- so a CI tagged later is covered too. A one-off downtime runs from starts_at to ends_at; a
-- weekly one (recur_days set) runs on those days from recur_start_time in recur_zone for
-- recur_minutes, from starts_at (when it was made) until ends_at if given. Cancelled downtimes are
-- kept, for the record. ci_id and check_id point into other tables without foreign keys: a
-- downtime outlives the check or CI it was about, as history does.
CREATE TABLE downtime (
    id               UUID PRIMARY KEY,
    ci_id            UUID,
    check_id         UUID,
    tag              VARCHAR(60),
    with_dependents  BOOLEAN       NOT NULL,
    author           VARCHAR(100)  NOT NULL,
    comment          VARCHAR(2000) NOT NULL,
    starts_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at          TIMESTAMP WITH TIME ZONE,
    recur_days       VARCHAR(70),
    recur_start_time TIME,
    recur_minutes    INTEGER,
    recur_zone       VARCHAR(60),
    -- When the last window ends; null for a weekly downtime without an end. Lets lists tell what
    -- is over without working out schedules.
    final_end        TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    cancelled_at     TIMESTAMP WITH TIME ZONE,
    cancelled_by     VARCHAR(100)
);
CREATE INDEX downtime_final_end_ix ON downtime (final_end);
CREATE INDEX downtime_ci_ix ON downtime (ci_id);

-- One row per window of a downtime whose start was announced. The primary key is the claim: of
-- several nodes noticing the same start, only the one whose insert lands announces it; ended_at
-- is set by a conditional update that likewise only one node wins. ci_ids are the CIs announced
-- at the start (comma-separated), so that the end names the same ones.
CREATE TABLE downtime_occurrence (
    downtime_id UUID NOT NULL REFERENCES downtime (id),
    starts_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ci_ids      TEXT    NOT NULL,
    ended_at    TIMESTAMP WITH TIME ZONE,
    cancelled   BOOLEAN NOT NULL,
    PRIMARY KEY (downtime_id, starts_at)
);
CREATE INDEX downtime_occurrence_open_ix ON downtime_occurrence (ended_at);
CREATE INDEX downtime_occurrence_ends_ix ON downtime_occurrence (ends_at);

-- Who took ownership of a check's current problem. One per check at most: a new one replaces it;
-- a removed one is deleted, its story kept in check_history.
CREATE TABLE check_acknowledgement (
    check_id   UUID PRIMARY KEY REFERENCES check_definition (id) ON DELETE CASCADE,
    id         UUID          NOT NULL,
    ci_id      UUID          NOT NULL,
    state      VARCHAR(10)   NOT NULL,
    author     VARCHAR(100)  NOT NULL,
    comment    VARCHAR(2000) NOT NULL,
    sticky     BOOLEAN       NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX check_acknowledgement_expiry_ix ON check_acknowledgement (expires_at);
