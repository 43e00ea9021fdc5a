-- Checks: what to look at on a configuration item, and how often. ci_id points into the
-- inventory's table without a foreign key (modules own their tables); a CI's deletion removes
-- its checks through an event. params is the type's parameters as JSON, secrets sealed.
CREATE TABLE check_definition (
    id                     UUID PRIMARY KEY,
    ci_id                  UUID         NOT NULL,
    name                   VARCHAR(100) NOT NULL,
    name_key               VARCHAR(100) NOT NULL,
    check_type             VARCHAR(30)  NOT NULL,
    params                 TEXT         NOT NULL,
    interval_seconds       INTEGER      NOT NULL,
    retry_interval_seconds INTEGER      NOT NULL,
    max_attempts           INTEGER      NOT NULL,
    timeout_millis         INTEGER      NOT NULL,
    enabled                BOOLEAN      NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    version                BIGINT       NOT NULL,
    CONSTRAINT check_definition_ci_name_uk UNIQUE (ci_id, name_key)
);
CREATE INDEX check_definition_type_ix ON check_definition (check_type, ci_id);
