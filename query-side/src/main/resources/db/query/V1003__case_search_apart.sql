-- A case's searchable words move out of its summary row into a table of their own, written only
-- when those words change (a case opened, a defendant or a charge added, a correction or retraction).
--
-- Why: every projected step rewrites its case's summary row. When the update is not HOT (the step
-- changed the stage, or the page had no room), PostgreSQL adds an entry for the new row version to
-- every index of the table, the GIN index on the search vector included, with one entry per lexeme,
-- although the words are the same. Measured on a copy of the summaries a bench run left (1,264 cases,
-- updates of two rows per transaction, half of them changing the stage): 335 us of PostgreSQL time a
-- row with the vector and its GIN index in the row, 285 us without (BENCHMARKS.md, session 7).

CREATE TABLE case_search (
    case_id VARCHAR(64) NOT NULL PRIMARY KEY,
    search  TSVECTOR    NOT NULL
);

INSERT INTO case_search (case_id, search) SELECT case_id, search FROM case_summary;

-- a replay interrupted before this migration may have set the old index aside: it no longer has a column to build on
DELETE FROM replay_set_aside_index WHERE index_name = 'case_summary_search';
ALTER TABLE case_summary DROP COLUMN search;
CREATE INDEX case_search_search ON case_search USING GIN (search);

-- the replay's two functions (V1002) now also cover the new table
CREATE OR REPLACE FUNCTION set_aside_replay_indexes() RETURNS INTEGER
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
          AND c.relname IN ('case_summary', 'case_search', 'timeline_entry', 'calendar_entry')
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

CREATE OR REPLACE FUNCTION restore_replay_indexes() RETURNS INTEGER
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r RECORD;
    n INTEGER := 0;
BEGIN
    -- room for the sorts of the builds (this transaction only)
    PERFORM set_config('maintenance_work_mem', '256MB', true);
    FOR r IN SELECT index_name, table_name, definition FROM query.replay_set_aside_index ORDER BY index_name LOOP
        IF r.definition !~ '^CREATE INDEX [a-z_]+ ON query\.(case_summary|case_search|timeline_entry|calendar_entry) USING (btree|gin) \([a-z_, ]+\)$' THEN
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
