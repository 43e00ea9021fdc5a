-- What scrapes (# TYPE, # HELP and # UNIT lines) and remote writes (their metadata) said of each
-- metric family, the latest kept, for /api/v1/metadata. A row is written only when a source says
-- something new of its family.
CREATE TABLE metric_metadata (
    metric_name VARCHAR(1000)            PRIMARY KEY,
    type        VARCHAR(20)              NOT NULL,
    help        VARCHAR(10000)           NOT NULL,
    unit        VARCHAR(200)             NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
