package casetrack.shared.value;

/** A court's ruling on an immunity claim. */
public enum ImmunityOutcome {
    GRANTED,DENIED
}
