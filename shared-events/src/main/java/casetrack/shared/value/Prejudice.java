package casetrack.shared.value;

/** Whether a dismissal bars bringing the same charge again. */
public enum Prejudice {
    WITH_PREJUDICE,WITHOUT_PREJUDICE
}
