package casetrack.shared.event;

import casetrack.shared.value.InvestigationSubject;
import casetrack.shared.value.InvestigatorLevel;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A body declined to investigate. */
@Revision("1")
public record InvestigationDeclined(
        String caseId,
        String investigationId,
        String declinedBy,
        InvestigatorLevel level,
        InvestigationSubject subject,
        String reason,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
