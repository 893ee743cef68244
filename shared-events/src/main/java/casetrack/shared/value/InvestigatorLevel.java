package casetrack.shared.value;

/** Which government an investigating body belongs to. */
public enum InvestigatorLevel {
    STATE,LOCAL,FEDERAL,AGENCY_INTERNAL
}
