package casetrack.shared.value;

/** A verdict's findings taken together. */
public enum VerdictOutcome {
    GUILTY,NOT_GUILTY,HUNG,MIXED
}
