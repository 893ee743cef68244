-- The event store: Axon's JDBC storage engine tables in their own schema, payload and metadata
-- as readable JSON in bytea (never large-object oid columns), global index from a plain
-- BIGSERIAL (no pre-allocated id blocks, so no index gaps from allocation).
CREATE SCHEMA IF NOT EXISTS events;

CREATE TABLE events.domain_event_entry (
    global_index         BIGSERIAL    NOT NULL PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    -- concurrent writers to one case: exactly one gets each sequence number
    CONSTRAINT domain_event_entry_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number)
);

CREATE TABLE events.snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    PRIMARY KEY (aggregate_identifier, sequence_number)
);

-- The record is append-only in the database itself: nothing may rewrite or remove a stored event.
CREATE FUNCTION events.refuse_event_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'the event store is append-only: % on events.domain_event_entry is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER domain_event_entry_append_only
    BEFORE UPDATE OR DELETE ON events.domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION events.refuse_event_change();

CREATE TRIGGER domain_event_entry_no_truncate
    BEFORE TRUNCATE ON events.domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION events.refuse_event_change();
