-- Customers: the organisations the desk serves ("company" in ServiceNow, "organization" in Jira
-- SM). Its contacts are people of the identity module, each the contact of at most one customer,
-- so an incident can take its caller's customer. Incidents and SLA policies may name a customer;
-- the foreign keys keep a customer that is still named from being deleted.
CREATE TABLE customer (
    id          UUID PRIMARY KEY,
    name        VARCHAR(100)  NOT NULL,
    -- The name in lower case: names are unique regardless of case, on both engines alike.
    name_key    VARCHAR(100)  NOT NULL,
    description VARCHAR(4000),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT        NOT NULL,
    CONSTRAINT customer_name_uk UNIQUE (name_key)
);

-- person_id is the key: a person is a contact of one customer at most.
CREATE TABLE customer_contact (
    person_id   UUID PRIMARY KEY,
    customer_id UUID NOT NULL REFERENCES customer (id) ON DELETE CASCADE
);
CREATE INDEX customer_contact_customer_ix ON customer_contact (customer_id);

ALTER TABLE incident ADD COLUMN customer_id UUID;
ALTER TABLE incident ADD CONSTRAINT incident_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id);
CREATE INDEX incident_customer_ix ON incident (customer_id, state);

-- A policy is general, for a service or for a customer; its scope is then 'any', the service id
-- or the customer id, so the unique key of V2 keeps one policy per priority and scope.
ALTER TABLE sla_policy ADD COLUMN customer_id UUID;
ALTER TABLE sla_policy ADD CONSTRAINT sla_policy_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id);
CREATE INDEX sla_policy_customer_ix ON sla_policy (customer_id);
