-- Knowledge base: articles and runbooks in Markdown. Every save is a new row in article_version,
-- so the history is complete; article holds the current version and what it applies to. The
-- primary key of article_version makes a second save on the same version fail, whichever node makes it.
CREATE TABLE article (
    id         UUID PRIMARY KEY,
    title      VARCHAR(200)   NOT NULL,
    kind       VARCHAR(20)    NOT NULL,
    body       VARCHAR(100000) NOT NULL,
    version    INTEGER        NOT NULL,
    created_by VARCHAR(100)   NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by VARCHAR(100)   NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX article_title_ix ON article (title);

CREATE TABLE article_version (
    article_id UUID           NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    version    INTEGER        NOT NULL,
    title      VARCHAR(200)   NOT NULL,
    kind       VARCHAR(20)    NOT NULL,
    body       VARCHAR(100000) NOT NULL,
    -- What the version applied to, as people read it ("CI classes: server; alerts: monitoring").
    applies_to VARCHAR(4000),
    saved_by   VARCHAR(100)   NOT NULL,
    saved_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (article_id, version)
);

CREATE TABLE article_ci_class (
    article_id UUID        NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    ci_class   VARCHAR(30) NOT NULL,
    PRIMARY KEY (article_id, ci_class)
);
CREATE INDEX article_ci_class_ix ON article_ci_class (ci_class);

CREATE TABLE article_check_type (
    article_id UUID        NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    check_type VARCHAR(30) NOT NULL,
    PRIMARY KEY (article_id, check_type)
);
CREATE INDEX article_check_type_ix ON article_check_type (check_type);

-- An alert rule: alerts from this source (lower case), and when a pattern is given only those whose
-- dedup key matches it ('*' for any run of characters).
CREATE TABLE article_alert_rule (
    article_id        UUID         NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    position          INTEGER      NOT NULL,
    source            VARCHAR(100) NOT NULL,
    dedup_key_pattern VARCHAR(200),
    PRIMARY KEY (article_id, position)
);
CREATE INDEX article_alert_rule_source_ix ON article_alert_rule (source);
