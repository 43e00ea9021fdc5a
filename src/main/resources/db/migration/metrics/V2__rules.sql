-- Threshold rules over PromQL expressions. A series of the expression's result is firing while its
-- value compares true to threshold, and stays so until it compares false to clear_threshold
-- (hysteresis); for_ms is how long it must hold before it fires.
CREATE TABLE metric_rule (
    id              UUID PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    expression      VARCHAR(4000) NOT NULL,
    comparison      VARCHAR(2) NOT NULL,
    threshold       DOUBLE PRECISION NOT NULL,
    clear_threshold DOUBLE PRECISION NOT NULL,
    for_ms          BIGINT NOT NULL,
    severity        VARCHAR(20) NOT NULL,
    summary         VARCHAR(1000) NOT NULL,
    enabled         BOOLEAN NOT NULL,
    created_by      VARCHAR(200) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         INTEGER NOT NULL
);

-- Where each series of a rule stands, kept so that a restart or another node carries on: a row per
-- (rule, series) that is pending or firing; an inactive series has none. series_key is the SHA-256
-- of the series' labels in Prometheus text, which labels holds.
CREATE TABLE metric_rule_state (
    rule_id      UUID NOT NULL REFERENCES metric_rule (id) ON DELETE CASCADE,
    series_key   VARCHAR(64) NOT NULL,
    labels       VARCHAR(8000) NOT NULL,
    state        VARCHAR(10) NOT NULL,
    active_since TIMESTAMP WITH TIME ZONE NOT NULL,
    fired_at     TIMESTAMP WITH TIME ZONE,
    last_value   DOUBLE PRECISION NOT NULL,
    evaluated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (rule_id, series_key)
);

-- The one row whose claim (node, lease_until) names the node that evaluates the rules.
CREATE TABLE metric_rule_lease (
    job         VARCHAR(50) PRIMARY KEY,
    node        VARCHAR(200),
    lease_until TIMESTAMP WITH TIME ZONE
);
INSERT INTO metric_rule_lease (job) VALUES ('rules');
