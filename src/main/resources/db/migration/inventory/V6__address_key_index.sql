-- Every address has its key now (V5). Lookups by address go through the key, so its index replaces
-- the one on the address as written, which nothing queries any more; with ci_id in it, a lookup
-- finds the CIs from the index alone before reading their rows.
ALTER TABLE ci_address ALTER COLUMN address_key SET NOT NULL;
CREATE INDEX ci_address_key_ix ON ci_address (address_key, ci_id);
DROP INDEX ci_address_ix;
