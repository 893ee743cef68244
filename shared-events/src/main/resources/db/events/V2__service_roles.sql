-- Database roles for the two services, so PostgreSQL itself enforces who may do what:
--   casetrack_command may read and append events (never update or delete them) and keep snapshots;
--   casetrack_query may only read events (it writes its own schema, granted by the query side).
-- Creating roles needs CREATEROLE: where the migrating user lacks it (a managed database), this
-- step says so and leaves role setup to the database administrator (see README, "Database roles").
DO $$
DECLARE
    may_create_roles boolean;
BEGIN
    SELECT rolcreaterole OR rolsuper INTO may_create_roles FROM pg_roles WHERE rolname = current_user;
    IF NOT may_create_roles THEN
        RAISE NOTICE 'casetrack: % may not create roles; create casetrack_command and casetrack_query yourself', current_user;
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'casetrack_command') THEN
        CREATE ROLE casetrack_command LOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'casetrack_query') THEN
        CREATE ROLE casetrack_query LOGIN;
    END IF;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'casetrack_command') THEN
        GRANT USAGE ON SCHEMA events TO casetrack_command;
        GRANT SELECT, INSERT ON events.domain_event_entry TO casetrack_command;
        GRANT SELECT, INSERT, DELETE ON events.snapshot_event_entry TO casetrack_command;
        GRANT USAGE ON SEQUENCE events.domain_event_entry_global_index_seq TO casetrack_command;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'casetrack_query') THEN
        GRANT USAGE ON SCHEMA events TO casetrack_query;
        GRANT SELECT ON events.domain_event_entry, events.snapshot_event_entry TO casetrack_query;
    END IF;
END
$$;
