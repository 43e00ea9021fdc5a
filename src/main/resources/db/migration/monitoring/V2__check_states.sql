-- Where each check stands: its Nagios status, its latest result and when it runs next. One row
-- per check, written in batches by the scheduler; kept across restarts so that schedules and
-- states resume where they were.
CREATE TABLE check_state (
    check_id         UUID PRIMARY KEY REFERENCES check_definition (id) ON DELETE CASCADE,
    state            VARCHAR(10) NOT NULL,
    state_type       VARCHAR(4)  NOT NULL,
    attempt          INTEGER     NOT NULL,
    last_hard_state  VARCHAR(10) NOT NULL,
    last_change      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_hard_change TIMESTAMP WITH TIME ZONE,
    last_check       TIMESTAMP WITH TIME ZONE,
    next_check       TIMESTAMP WITH TIME ZONE NOT NULL,
    output           VARCHAR(4000),
    long_output      TEXT,
    perf_data        TEXT,
    duration_millis  INTEGER,
    -- One letter per recent result (O, W, C, U), oldest first: the flap detector's history.
    recent_states    VARCHAR(21) NOT NULL,
    flapping         BOOLEAN     NOT NULL,
    percent_change   DOUBLE PRECISION NOT NULL,
    counter_value    DOUBLE PRECISION,
    counter_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX check_state_next_ix ON check_state (next_check);
