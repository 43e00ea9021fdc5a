-- What happened to checks and CIs, for people reading a check's page and for reports: hard and
-- soft state changes, host state changes, flapping start and stop, downtime start and end,
-- acknowledgements. check_id is null for what concerns a whole CI (host state, downtime).
CREATE TABLE check_history (
    id            UUID PRIMARY KEY,
    ci_id         UUID         NOT NULL,
    check_id      UUID,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    kind          VARCHAR(30)  NOT NULL,
    state         VARCHAR(12),
    state_type    VARCHAR(4),
    attempt       INTEGER,
    output        VARCHAR(4000),
    caused_by     UUID,
    author        VARCHAR(100),
    text          VARCHAR(2000)
);
CREATE INDEX check_history_check_ix ON check_history (check_id, at);
CREATE INDEX check_history_ci_ix ON check_history (ci_id, at);

-- Each CI's host state, derived from its host check and its parents; kept so that every node
-- sees which CIs are down when deciding whether a dependent is unreachable.
CREATE TABLE host_state (
    ci_id        UUID PRIMARY KEY,
    state        VARCHAR(12) NOT NULL,
    caused_by    UUID,
    last_change  TIMESTAMP WITH TIME ZONE NOT NULL,
    output       VARCHAR(4000)
);
