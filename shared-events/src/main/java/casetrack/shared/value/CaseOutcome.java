package casetrack.shared.value;

/** How a case ended, as the editor closing it judged. */
public enum CaseOutcome {
    CONVICTED,ACQUITTED,DISMISSED,IMMUNITY_UPHELD,NO_CHARGES,OTHER
}
