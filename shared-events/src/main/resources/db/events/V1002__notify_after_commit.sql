-- (Numbered after db/command's V1001: both share one Flyway history, and a lower number would not be applied
-- to a database migrated before.) A NOTIFY in a transaction takes a database-wide lock at commit and holds it until the commit has
-- been flushed, so every transaction that notifies commits one after the other: with the trigger
-- of V3 in every append, the command side's appends could not share a WAL flush (PostgreSQL's group
-- commit), and at 32 writers the top wait was that lock at COMMIT. A writer that sets
-- casetrack.notify_after_commit = 'on' for its session (the command side does, for every
-- connection) promises to notify casetrack_events itself once its appends have committed, outside
-- them; the trigger then stays quiet for it. Any other writer (a tool, an import) is still
-- notified for by the trigger, as before.
CREATE OR REPLACE FUNCTION events.notify_events_appended() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF coalesce(current_setting('casetrack.notify_after_commit', true), '') <> 'on' THEN
        PERFORM pg_notify('casetrack_events', '');
    END IF;
    RETURN NULL;
END;
$$;
