package casetrack.shared.value;

/** Why charges were dismissed. */
public enum DismissalReason {
    IMMUNITY,DROPPED_BY_PROSECUTOR,INSUFFICIENT_EVIDENCE,OTHER
}
