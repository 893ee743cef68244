package casetrack.access;

/** What a user may do: EDITOR records steps, AUDITOR reads the audit trail and runs replays, READER reads views. */
public enum Role {
    EDITOR, AUDITOR, READER
}
