package casetrack.query.cases;

import java.time.LocalDate;

/** One case in a list: enough to pick it out and see where it stands. */
public record CaseListItem(String caseId, String title, String state, String agency, CaseStage stage, boolean open,
                           String currentCourt, String currentDocket, LocalDate incidentOn, LocalDate removalDeadline,
                           boolean removalOverdue, CaseFile.LastStep lastStep, long version) {
}
