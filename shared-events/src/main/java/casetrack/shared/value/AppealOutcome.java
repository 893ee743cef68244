package casetrack.shared.value;

/** What an appellate court did with the decision under appeal. */
public enum AppealOutcome {
    AFFIRMED,REVERSED,REVERSED_AND_REMANDED,VACATED,VACATED_AND_REMANDED,REMANDED,DISMISSED
}
