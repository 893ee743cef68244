package casetrack.shared.value;

/** Why a new office speaks for the state. */
public enum ProsecutionChangeReason {
    ELECTION,ATTORNEY_GENERAL_TAKEOVER,RECUSAL,APPOINTMENT,OTHER
}
