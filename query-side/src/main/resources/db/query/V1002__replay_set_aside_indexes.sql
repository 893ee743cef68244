-- A full replay sets the secondary indexes of the tables it rebuilds aside and builds them again
-- once the tables are full: one sorted build per index costs far less than a million insertions
-- into each (the timeline's GIN index and four b-trees were most of PostgreSQL's work per step).
-- The primary keys and unique constraints stay: the projections' idempotency stands on them.
--
-- The definitions wait in replay_set_aside_index, written in the transaction that drops them, so a
-- query side killed during a replay builds them again when it starts (ReplayIndexes). Only the two
-- functions below touch indexes; they run as this schema's owner (the query side's own role may
-- not drop or create indexes), and the restore builds nothing but an index on one of the three tables.

CREATE TABLE replay_set_aside_index (
    index_name   TEXT        NOT NULL PRIMARY KEY,
    table_name   TEXT        NOT NULL,
    definition   TEXT        NOT NULL,
    set_aside_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION set_aside_replay_indexes() RETURNS INTEGER
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r RECORD;
    n INTEGER := 0;
BEGIN
    FOR r IN
        SELECT ic.relname AS index_name, c.relname AS table_name, pg_get_indexdef(i.indexrelid) AS definition
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = 'query'
          AND c.relname IN ('case_summary', 'timeline_entry', 'calendar_entry')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        ORDER BY ic.relname
    LOOP
        INSERT INTO query.replay_set_aside_index (index_name, table_name, definition)
        VALUES (r.index_name, r.table_name, r.definition);
        EXECUTE format('DROP INDEX query.%I', r.index_name);
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;

CREATE FUNCTION restore_replay_indexes() RETURNS INTEGER
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r RECORD;
    n INTEGER := 0;
BEGIN
    -- room for the sorts of the builds (this transaction only)
    PERFORM set_config('maintenance_work_mem', '256MB', true);
    FOR r IN SELECT index_name, table_name, definition FROM query.replay_set_aside_index ORDER BY index_name LOOP
        IF r.definition !~ '^CREATE INDEX [a-z_]+ ON query\.(case_summary|timeline_entry|calendar_entry) USING (btree|gin) \([a-z_, ]+\)$' THEN
            RAISE EXCEPTION 'replay_set_aside_index holds a definition that is not a plain index on a projection table: %', r.definition;
        END IF;
        IF to_regclass(format('query.%I', r.index_name)) IS NULL THEN
            EXECUTE r.definition;
        END IF;
        DELETE FROM query.replay_set_aside_index WHERE index_name = r.index_name;
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;

REVOKE ALL ON FUNCTION set_aside_replay_indexes() FROM PUBLIC;
REVOKE ALL ON FUNCTION restore_replay_indexes() FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'casetrack_query') THEN
        GRANT EXECUTE ON FUNCTION query.set_aside_replay_indexes() TO casetrack_query;
        GRANT EXECUTE ON FUNCTION query.restore_replay_indexes() TO casetrack_query;
        -- the definitions are run by the owner: the query role may read them, never write them
        REVOKE ALL ON query.replay_set_aside_index FROM casetrack_query;
        GRANT SELECT ON query.replay_set_aside_index TO casetrack_query;
    END IF;
END
$$;
