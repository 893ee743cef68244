package casetrack.shared.value;

/** Who files the notice of removal under 28 U.S.C. §1442(a)(1): the officer, or the United States for them. */
public enum RemovalFiler {
    DEFENDANT,UNITED_STATES
}
