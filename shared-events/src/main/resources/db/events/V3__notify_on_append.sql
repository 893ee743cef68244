-- Wake the readers of the event store when events are appended, instead of leaving them to poll.
-- An AFTER INSERT statement trigger, so the writer needs no code of its own: PostgreSQL delivers
-- the notification only when the appending transaction commits (never for a rolled-back append)
-- and folds the identical notifications of one transaction into one. The payload stays empty:
-- a listener re-reads from its own token, so it only needs to know that something was appended.
-- Runs with the appending role's rights (casetrack_command): pg_notify needs no privilege.
CREATE FUNCTION events.notify_events_appended() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('casetrack_events', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER domain_event_entry_notify_appended
    AFTER INSERT ON events.domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION events.notify_events_appended();
