package casetrack.shared.value;

/** The kinds of proceeding a hearing can belong to; the id names the charge, removal, claim, appeal, certiorari petition or trial. */
public enum ProceedingKind {
    CHARGE,REMOVAL,IMMUNITY_CLAIM,APPEAL,CERTIORARI,TRIAL
}
