package casetrack.query.cases;

/**
 * Where a case stands, as the case summary shows it. Derived from the steps in the order they were
 * recorded; the last step that moves the stage decides it.
 */
public enum CaseStage {
    /** Opened on an incident; no state charge yet (investigations may be open, declined or blocked). */
    INVESTIGATION,
    /** A state charge is filed and the case is in state court. */
    CHARGED,
    /** A notice of removal to federal court is filed and not yet decided (28 U.S.C. §1455). */
    REMOVAL_PENDING,
    /** The federal district court allowed the removal and holds the case. */
    FEDERAL_COURT,
    /** The federal court sent the case back to state court. */
    REMANDED,
    /** A defendant asserted Supremacy Clause immunity and no court has ruled on it yet. */
    IMMUNITY_PENDING,
    /** A court granted immunity (charges dismissed, or the defendant discharged on habeas). */
    IMMUNITY_GRANTED,
    /** A court denied immunity: the case proceeds. */
    IMMUNITY_DENIED,
    /** An appeal, rehearing or certiorari petition is open. */
    ON_APPEAL,
    /** A trial has started and no verdict is in. */
    AT_TRIAL,
    /** A verdict was returned (a sentence may follow). */
    VERDICT,
    /** Every charge was dismissed. */
    DISMISSED,
    /** An editor closed the case with an outcome. */
    CLOSED
}
