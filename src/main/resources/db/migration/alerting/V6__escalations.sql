-- Escalations: one per alert group that needed people, following the policy its routing rule named.
-- The row is the claim: a node takes a due row with FOR UPDATE SKIP LOCKED, queues the level's
-- notifications (keys unique per escalation, cycle, level and target) and moves the row on in the
-- same transaction, so a step is taken once even with several nodes or a crash in the middle.
CREATE TABLE alert_escalation (
    id             UUID PRIMARY KEY,
    group_id       UUID         NOT NULL REFERENCES alert_group (id) ON DELETE CASCADE,
    -- Null when no routing rule matched: the group is recorded as looked at, and nobody is paged.
    policy_id      UUID,
    rule_name      VARCHAR(100),
    status         VARCHAR(10)  NOT NULL,
    level_index    INTEGER      NOT NULL,
    cycle          INTEGER      NOT NULL,
    next_step_at   TIMESTAMP WITH TIME ZONE,
    -- The acknowledge link's token, sealed (it is shown again in every later message); its hash finds the row.
    ack_token      VARCHAR(200) NOT NULL,
    ack_token_hash CHAR(64)     NOT NULL,
    steps_taken    INTEGER      NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    stopped_at     TIMESTAMP WITH TIME ZONE,
    stop_reason    VARCHAR(200)
);
CREATE UNIQUE INDEX alert_escalation_group_ux ON alert_escalation (group_id);
CREATE UNIQUE INDEX alert_escalation_token_ux ON alert_escalation (ack_token_hash);
CREATE INDEX alert_escalation_due_ix ON alert_escalation (status, next_step_at);
CREATE INDEX alert_group_created_ix ON alert_group (created_at);
