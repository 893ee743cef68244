package casetrack.shared.value;

/** A jury's or judge's finding on one count for one defendant. */
public enum Finding {
    GUILTY,NOT_GUILTY,HUNG
}
