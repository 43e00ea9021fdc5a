-- PostgreSQL only: a trigram index lets the incident list's search for words in the title use an
-- index instead of reading every incident (as the inventory's CI search does; see its V2_1 for why
-- the extension may be missing or live in another schema).
DO $$
DECLARE
    trgm_schema name;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm is not available (%); the incident search runs without a trigram index', SQLERRM;
    END;
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NOT NULL THEN
        EXECUTE format('CREATE INDEX IF NOT EXISTS incident_title_trgm_ix ON incident USING gin (LOWER(title) %I.gin_trgm_ops)',
                       trgm_schema);
    END IF;
END
$$;
