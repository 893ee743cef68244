package casetrack.shared.value;

/** Who decided an appeal: a panel, or the full court en banc. */
public enum Bench {
    PANEL,EN_BANC
}
