package casetrack.shared.value;

/** The decisions that can be appealed; the id names the removal (remand order), immunity claim (ruling), charge (dismissal), trial (judgment) or appeal (decision). */
public enum DecisionKind {
    REMAND_ORDER,IMMUNITY_RULING,DISMISSAL,JUDGMENT,APPEAL_DECISION
}
