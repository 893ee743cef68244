-- The query side's database role (created by the event-store migration where allowed) owns its
-- work in this schema: projections and tokens. It may only read the events schema.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'casetrack_query') THEN
        GRANT USAGE ON SCHEMA query TO casetrack_query;
        GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA query TO casetrack_query;
        GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA query TO casetrack_query;
        -- tables and sequences later migrations create
        ALTER DEFAULT PRIVILEGES IN SCHEMA query GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO casetrack_query;
        ALTER DEFAULT PRIVILEGES IN SCHEMA query GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO casetrack_query;
    END IF;
END
$$;
