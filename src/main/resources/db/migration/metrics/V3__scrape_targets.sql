-- Prometheus scrape targets. labels is a JSON object of the labels added to every series scraped
-- (job and instance default from name and url); keep_names and drop_names are JSON arrays of
-- regular expressions over metric names. version counts configuration changes (optimistic
-- locking); the health columns are written by the node scraping, without touching version.
-- A node scrapes a target while its lease (lease_node, lease_until) holds and renews it meanwhile;
-- another node takes the target over once the lease has run out.
CREATE TABLE metric_scrape_target (
    id                   UUID                     PRIMARY KEY,
    name                 VARCHAR(200)             NOT NULL,
    url                  VARCHAR(2000)            NOT NULL,
    interval_ms          BIGINT                   NOT NULL,
    timeout_ms           BIGINT                   NOT NULL,
    labels               TEXT                     NOT NULL,
    keep_names           TEXT                     NOT NULL,
    drop_names           TEXT                     NOT NULL,
    enabled              BOOLEAN                  NOT NULL,
    version              BIGINT                   NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_node           VARCHAR(200),
    lease_until          TIMESTAMP WITH TIME ZONE,
    last_scrape_at       TIMESTAMP WITH TIME ZONE,
    last_duration_ms     BIGINT,
    last_samples         INTEGER,
    up                   BOOLEAN,
    last_error           TEXT,
    rejected_total       BIGINT                   NOT NULL DEFAULT 0,
    last_rejection       TEXT,
    CONSTRAINT metric_scrape_target_name_uk UNIQUE (name)
);
