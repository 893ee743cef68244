package casetrack.shared.value;

/** How a federal court sent a removed case back to state court. */
public enum RemandManner {
    SUMMARY,AFTER_HEARING
}
