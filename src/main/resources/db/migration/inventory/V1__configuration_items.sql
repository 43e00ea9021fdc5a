-- Configuration items. name_key (lower-cased name) makes "web01" and "WEB01" the same server on
-- both engines; search_text is what the list's search box matches.
CREATE TABLE ci (
    id            UUID PRIMARY KEY,
    external_id   VARCHAR(200),
    ci_class      VARCHAR(30)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    name_key      VARCHAR(200) NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    environment   VARCHAR(20)  NOT NULL,
    criticality   VARCHAR(10)  NOT NULL,
    owner_team_id UUID,
    location      VARCHAR(200),
    description   VARCHAR(4000),
    vendor        VARCHAR(200),
    model         VARCHAR(200),
    serial_number VARCHAR(200),
    purchase_date DATE,
    purchase_cost NUMERIC(14, 2),
    warranty_end  DATE,
    end_of_life   DATE,
    attributes    TEXT          NOT NULL,
    search_text   VARCHAR(8000) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       BIGINT NOT NULL,
    CONSTRAINT ci_class_name_uk UNIQUE (ci_class, name_key),
    CONSTRAINT ci_external_id_uk UNIQUE (external_id)
);
CREATE INDEX ci_name_ix ON ci (name_key, ci_class);
CREATE INDEX ci_status_ix ON ci (status, name_key);
CREATE INDEX ci_owner_team_ix ON ci (owner_team_id);
CREATE INDEX ci_updated_ix ON ci (updated_at);

CREATE TABLE ci_tag (
    ci_id UUID        NOT NULL REFERENCES ci (id) ON DELETE CASCADE,
    tag   VARCHAR(60) NOT NULL,
    PRIMARY KEY (ci_id, tag)
);
CREATE INDEX ci_tag_tag_ix ON ci_tag (tag, ci_id);

-- IP addresses and host names, indexed so events can be matched to CIs by address.
CREATE TABLE ci_address (
    ci_id   UUID         NOT NULL REFERENCES ci (id) ON DELETE CASCADE,
    address VARCHAR(255) NOT NULL,
    PRIMARY KEY (ci_id, address)
);
CREATE INDEX ci_address_ix ON ci_address (address);

-- impact_from/impact_to store which way failure travels (derived from rel_type), so impact
-- analysis is one recursive query over one index whatever the mix of relationship types.
CREATE TABLE ci_relationship (
    id          UUID PRIMARY KEY,
    source_id   UUID        NOT NULL REFERENCES ci (id) ON DELETE CASCADE,
    target_id   UUID        NOT NULL REFERENCES ci (id) ON DELETE CASCADE,
    rel_type    VARCHAR(20) NOT NULL,
    impact_from UUID        NOT NULL,
    impact_to   UUID        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ci_relationship_uk UNIQUE (source_id, target_id, rel_type),
    CONSTRAINT ci_relationship_not_self CHECK (source_id <> target_id)
);
CREATE INDEX ci_relationship_target_ix ON ci_relationship (target_id);
CREATE INDEX ci_relationship_impact_from_ix ON ci_relationship (impact_from, impact_to);
CREATE INDEX ci_relationship_impact_to_ix ON ci_relationship (impact_to, impact_from);
