-- What scrapes said of each metric family in its # TYPE, # HELP and # UNIT lines, the latest kept,
-- for /api/v1/metadata. A row is written only when a scrape says something new of its family.
CREATE TABLE metric_metadata (
    metric_name VARCHAR(1000)            PRIMARY KEY,
    type        VARCHAR(20)              NOT NULL,
    help        VARCHAR(10000)           NOT NULL,
    unit        VARCHAR(200)             NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
