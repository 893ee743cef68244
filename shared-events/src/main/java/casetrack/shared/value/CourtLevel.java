package casetrack.shared.value;

/** Where a court stands on the path a case travels: state courts, then federal ones. */
public enum CourtLevel {
    STATE_TRIAL, STATE_APPELLATE, STATE_SUPREME, FEDERAL_DISTRICT, FEDERAL_CIRCUIT, SUPREME_COURT;

    public boolean isFederal() {
        return this == FEDERAL_DISTRICT || this == FEDERAL_CIRCUIT || this == SUPREME_COURT;
    }

    public boolean isAppellate() {
        return this == STATE_APPELLATE || this == STATE_SUPREME || this == FEDERAL_CIRCUIT || this == SUPREME_COURT;
    }
}
