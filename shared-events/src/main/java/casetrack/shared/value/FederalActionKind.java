package casetrack.shared.value;

/** What a federal body did to state officials over a case. */
public enum FederalActionKind {
    THREAT,INVESTIGATION,SUBPOENA,CHARGES
}
