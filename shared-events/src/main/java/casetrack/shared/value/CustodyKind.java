package casetrack.shared.value;

/** How a defendant came into state custody. */
public enum CustodyKind {
    ARREST,SURRENDER
}
