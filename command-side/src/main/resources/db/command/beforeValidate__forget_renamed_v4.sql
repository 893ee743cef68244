-- Flyway callback, run before every validation. For a few hours the notify-after-commit migration was
-- numbered V4; it is V1002 now (it must come after V1001, or databases migrated before refuse it). A
-- database that applied it as V4 forgets that row here, and then applies V1002, which only replaces
-- the trigger's function again (CREATE OR REPLACE: the same result). Does nothing anywhere else.
DO $$
BEGIN
    IF to_regclass('command.flyway_history_command') IS NOT NULL THEN
        DELETE FROM command.flyway_history_command WHERE version = '4' AND script = 'V4__notify_after_commit.sql';
    END IF;
END;
$$;
