-- PostgreSQL only: a trigram index lets the list's substring search ("web", "10.0.17.") use an
-- index instead of reading every CI. pg_trgm ships with PostgreSQL (postgresql-contrib) and is a
-- trusted extension, so a database owner may create it; where that is not allowed, the search
-- keeps working without the index (slower on large inventories) and a notice says why.
-- The extension may already exist in another schema of the database, so its operator class is
-- named with that schema.
DO $$
DECLARE
    trgm_schema name;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm is not available (%); the CI search runs without a trigram index', SQLERRM;
    END;
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NOT NULL THEN
        EXECUTE format('CREATE INDEX IF NOT EXISTS ci_search_text_trgm_ix ON ci USING gin (search_text %I.gin_trgm_ops)',
                       trgm_schema);
    END IF;
END
$$;
