package casetrack.shared.value;

/** A side that files an appeal or a petition. */
public enum Party {
    STATE,DEFENDANT,UNITED_STATES
}
