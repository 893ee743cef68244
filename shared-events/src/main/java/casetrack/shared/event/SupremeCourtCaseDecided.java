package casetrack.shared.event;

import casetrack.shared.value.AppealOutcome;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The Supreme Court decided a case it took on certiorari. */
@Revision("1")
public record SupremeCourtCaseDecided(
        String caseId,
        String petitionId,
        AppealOutcome outcome,
        Integer votesFor,
        Integer votesAgainst,
        String citation,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
