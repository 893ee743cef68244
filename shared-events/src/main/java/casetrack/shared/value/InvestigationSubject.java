package casetrack.shared.value;

/** Whom an investigation looks at. */
public enum InvestigationSubject {
    OFFICER,VICTIM,VICTIM_FAMILY,STATE_OFFICIALS,OTHER
}
