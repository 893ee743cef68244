package casetrack.shared.event;

import casetrack.shared.value.CaseOutcome;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The case was closed. */
@Revision("1")
public record CaseClosed(
        String caseId,
        CaseOutcome outcome,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
