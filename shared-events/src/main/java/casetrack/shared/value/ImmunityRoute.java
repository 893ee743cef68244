package casetrack.shared.value;

/** How Supremacy Clause immunity is claimed: a motion to dismiss in the court that holds the case, or federal habeas corpus while in state custody (In re Neagle, 1890). */
public enum ImmunityRoute {
    MOTION_TO_DISMISS,HABEAS_CORPUS
}
