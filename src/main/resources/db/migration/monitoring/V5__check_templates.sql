-- Check templates: a check to attach to every CI of a class that carries all of the tags (every CI
-- of the class when there are none) and is in one of the statuses. tags and statuses are JSON
-- arrays (matching happens against the inventory's CIs, never by a join here); the check's own
-- fields are those of check_definition, params with secrets sealed.
CREATE TABLE check_template (
    id                     UUID PRIMARY KEY,
    ci_class               VARCHAR(30)  NOT NULL,
    tags                   VARCHAR(4000) NOT NULL,
    statuses               VARCHAR(200) NOT NULL,
    name                   VARCHAR(100) NOT NULL,
    check_type             VARCHAR(30)  NOT NULL,
    params                 TEXT         NOT NULL,
    interval_seconds       INTEGER      NOT NULL,
    retry_interval_seconds INTEGER      NOT NULL,
    max_attempts           INTEGER      NOT NULL,
    timeout_millis         INTEGER      NOT NULL,
    enabled                BOOLEAN      NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    version                BIGINT       NOT NULL
);
CREATE INDEX check_template_class_ix ON check_template (ci_class);

-- The template a check was created from and is kept in line with; null for a check made by hand.
-- A template's checks are deleted with it (audited one by one), so the key never dangles.
ALTER TABLE check_definition ADD COLUMN template_id UUID;
ALTER TABLE check_definition ADD CONSTRAINT check_definition_template_fk
    FOREIGN KEY (template_id) REFERENCES check_template (id);
CREATE INDEX check_definition_template_ix ON check_definition (template_id, ci_id);
-- Which CIs already have a check of a template's name, asked once per template and round.
CREATE INDEX check_definition_name_ix ON check_definition (name_key);

-- Small facts monitoring keeps about itself, e.g. that it has registered the host it runs on (so
-- that a user deleting that CI is respected and it is not created again on the next start).
CREATE TABLE monitoring_setting (
    name       VARCHAR(100) PRIMARY KEY,
    setting    VARCHAR(4000) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
