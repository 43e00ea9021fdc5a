-- Files people attach to an incident: screenshots, logs. The content is stored in the row (BYTEA, as
-- monitoring's sample blocks are; H2 and PostgreSQL both take it) so that a backup of the database holds
-- everything and every node serves every file; the size limit keeps rows to a few megabytes.
CREATE TABLE incident_attachment (
    id           UUID PRIMARY KEY,
    incident_id  UUID                     NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    file_name    VARCHAR(255)             NOT NULL,
    content_type VARCHAR(255)             NOT NULL,
    size_bytes   BIGINT                   NOT NULL,
    sha256       CHAR(64)                 NOT NULL,
    uploaded_by  VARCHAR(100)             NOT NULL,
    uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    content      BYTEA                    NOT NULL
);
CREATE INDEX incident_attachment_incident_ix ON incident_attachment (incident_id, uploaded_at);
