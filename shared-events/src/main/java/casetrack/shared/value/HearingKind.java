package casetrack.shared.value;

/** What a hearing is for. */
public enum HearingKind {
    PRELIMINARY,REMOVAL,IMMUNITY,ARGUMENT,TRIAL,SENTENCING,OTHER
}
