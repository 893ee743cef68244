-- Command-side migrations are numbered from 1000 up; the event store schema (db/events, in shared-events) owns 1-999.
-- Idempotency keys: a retried request with the same key and body gets the first answer and records
-- nothing new. The key row is written in the same transaction as the events the request recorded.
CREATE TABLE command.idempotency_key (
    idempotency_key VARCHAR(200) PRIMARY KEY,
    request_hash    CHAR(64)     NOT NULL,
    case_id         VARCHAR(64)  NOT NULL,
    http_status     INTEGER      NOT NULL,
    response        TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
