-- Users, teams and API tokens. Lower-cased *_key columns enforce case-insensitive uniqueness
-- the same way on H2 and PostgreSQL (H2 has no expression indexes).
CREATE TABLE app_user (
    id            UUID PRIMARY KEY,
    username      VARCHAR(100) NOT NULL,
    username_key  VARCHAR(100) NOT NULL,
    display_name  VARCHAR(200) NOT NULL,
    email         VARCHAR(254),
    role          VARCHAR(20)  NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       BIGINT       NOT NULL,
    CONSTRAINT app_user_username_uk UNIQUE (username_key)
);

CREATE TABLE team (
    id          UUID PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    name_key    VARCHAR(100) NOT NULL,
    description VARCHAR(1000),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT NOT NULL,
    CONSTRAINT team_name_uk UNIQUE (name_key)
);

CREATE TABLE team_member (
    team_id UUID NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_member_user_ix ON team_member (user_id);

CREATE TABLE api_token (
    id           UUID PRIMARY KEY,
    user_id      UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name         VARCHAR(100) NOT NULL,
    prefix       VARCHAR(16)  NOT NULL,
    token_hash   CHAR(64)     NOT NULL,
    role         VARCHAR(20)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_token_hash_uk UNIQUE (token_hash)
);
CREATE INDEX api_token_user_ix ON api_token (user_id);

-- Failed sign-in counters, shared by every node.
CREATE TABLE login_throttle (
    throttle_key    VARCHAR(300) PRIMARY KEY,
    failures        INT NOT NULL,
    last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
    blocked_until   TIMESTAMP WITH TIME ZONE
);

-- The audit log: each record's hash covers its content and the previous record's hash.
-- audit_chain holds the head; locking its single row serialises appends across nodes.
CREATE TABLE audit_record (
    seq            BIGINT PRIMARY KEY,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    actor          VARCHAR(200) NOT NULL,
    channel        VARCHAR(10)  NOT NULL,
    credential     VARCHAR(200),
    remote_address VARCHAR(64),
    action         VARCHAR(100) NOT NULL,
    entity_type    VARCHAR(50)  NOT NULL,
    entity_id      VARCHAR(100),
    summary        VARCHAR(1000),
    before_state   TEXT,
    after_state    TEXT,
    prev_hash      CHAR(64) NOT NULL,
    hash           CHAR(64) NOT NULL
);
CREATE INDEX audit_record_time_ix ON audit_record (occurred_at);
CREATE INDEX audit_record_actor_ix ON audit_record (actor);
CREATE INDEX audit_record_entity_ix ON audit_record (entity_type, entity_id);
CREATE INDEX audit_record_action_ix ON audit_record (action);

CREATE TABLE audit_chain (
    id        INT PRIMARY KEY,
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);
INSERT INTO audit_chain (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- UI sessions (Spring Session JDBC), so any node can serve any signed-in user.
CREATE TABLE spring_session (
    primary_id            CHAR(36) NOT NULL,
    session_id            CHAR(36) NOT NULL,
    creation_time         BIGINT   NOT NULL,
    last_access_time      BIGINT   NOT NULL,
    max_inactive_interval INT      NOT NULL,
    expiry_time           BIGINT   NOT NULL,
    principal_name        VARCHAR(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id CHAR(36)     NOT NULL,
    attribute_name     VARCHAR(200) NOT NULL,
    attribute_bytes    BYTEA        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
