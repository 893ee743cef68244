package casetrack.shared.value;

/**
 * Legal rules that parties may break in real life. The record accepts the step and carries the flag;
 * it never refuses a step for these.
 */
public enum LegalFlag {
    /** A notice of removal filed more than 30 days after arraignment (28 U.S.C. §1455(b)(1)) with no good cause shown. */
    LATE_REMOVAL_NOTICE,
    /** A guilty finding returned while a notice of removal was pending (28 U.S.C. §1455(b)(3) bars a conviction then). */
    CONVICTION_WHILE_REMOVAL_PENDING
}
