-- The query side's own schema: Axon's token table and the projections. Everything here can be
-- thrown away and rebuilt from the events (see casetrack.query.replay); nothing here is a record.

-- Axon JdbcTokenStore, snake_case columns (named by the TokenSchema bean). The token is bytea
-- holding Jackson JSON; the timestamp is Axon's ISO instant string.
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- One row per case. The full folded state is in file (jsonb); the columns beside it are the
-- ones the API filters, sorts and searches on.
CREATE TABLE case_summary (
    case_id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    title             TEXT         NOT NULL,
    state             TEXT,
    agency            TEXT,
    stage             VARCHAR(32)  NOT NULL,
    is_open           BOOLEAN      NOT NULL,
    current_court     TEXT,
    current_docket    TEXT,
    removal_deadline  DATE,
    incident_on       DATE,
    last_step_on      DATE,
    version           BIGINT       NOT NULL,
    last_global_index BIGINT       NOT NULL,
    last_recorded_at  TIMESTAMPTZ,
    file              JSONB        NOT NULL,
    search            TSVECTOR     NOT NULL
);
CREATE INDEX case_summary_stage ON case_summary (stage);
CREATE INDEX case_summary_state ON case_summary (state);
CREATE INDEX case_summary_agency ON case_summary (agency);
CREATE INDEX case_summary_search ON case_summary USING GIN (search);

-- Every step of every case, one row per event, in the order of occurrence.
CREATE TABLE timeline_entry (
    event_id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    case_id            VARCHAR(64)  NOT NULL,
    sequence           BIGINT       NOT NULL,
    global_index       BIGINT       NOT NULL,
    event_type         VARCHAR(64)  NOT NULL,
    occurred_on        VARCHAR(10)  NOT NULL,
    occurred_from      DATE         NOT NULL,
    precision          VARCHAR(5)   NOT NULL,
    precision_rank     SMALLINT     NOT NULL,
    summary            TEXT         NOT NULL,
    sources            JSONB        NOT NULL,
    note               TEXT,
    date_conflict      TEXT,
    recorded_at        TIMESTAMPTZ,
    recorded_by        TEXT,
    correlation_id     TEXT,
    command_name       TEXT,
    corrected          BOOLEAN      NOT NULL DEFAULT FALSE,
    correction_reason  TEXT,
    corrected_by       VARCHAR(64),
    original_occurred_on VARCHAR(10),
    original_sources   JSONB,
    original_note      TEXT,
    retracted          BOOLEAN      NOT NULL DEFAULT FALSE,
    retraction_reason  TEXT,
    retracted_by       VARCHAR(64),
    search             TSVECTOR GENERATED ALWAYS AS (
                           to_tsvector('english', summary || ' ' || coalesce(note, ''))) STORED,
    CONSTRAINT timeline_entry_case_sequence UNIQUE (case_id, sequence)
);
CREATE INDEX timeline_entry_order ON timeline_entry (case_id, occurred_from, precision_rank, global_index);
CREATE INDEX timeline_entry_global_index ON timeline_entry (global_index);
CREATE INDEX timeline_entry_type ON timeline_entry (event_type);
CREATE INDEX timeline_entry_search ON timeline_entry USING GIN (search);

-- Dates that lie ahead of a case, rewritten with its summary: hearings and removal deadlines.
CREATE TABLE calendar_entry (
    case_id     VARCHAR(64)  NOT NULL,
    entry_key   VARCHAR(128) NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    due_on      DATE         NOT NULL,
    description TEXT         NOT NULL,
    PRIMARY KEY (case_id, entry_key)
);
CREATE INDEX calendar_entry_due_on ON calendar_entry (due_on);

-- How often the processor handed each event to the projections. Idempotent projections absorb a
-- second delivery silently; this count makes one visible (it must stay 1).
CREATE TABLE event_delivery (
    event_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    case_id      VARCHAR(64) NOT NULL,
    global_index BIGINT      NOT NULL,
    deliveries   INTEGER     NOT NULL
);
