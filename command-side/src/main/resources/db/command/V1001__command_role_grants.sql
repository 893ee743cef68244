-- The command side's own schema, for its database role (created in db/events V2 where allowed).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'casetrack_command') THEN
        GRANT USAGE ON SCHEMA command TO casetrack_command;
        GRANT SELECT, INSERT, UPDATE ON command.idempotency_key TO casetrack_command;
    END IF;
END
$$;
