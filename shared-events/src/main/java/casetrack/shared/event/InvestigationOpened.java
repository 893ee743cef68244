package casetrack.shared.event;

import casetrack.shared.value.InvestigationSubject;
import casetrack.shared.value.InvestigatorLevel;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** An investigation was opened. */
@Revision("1")
public record InvestigationOpened(
        String caseId,
        String investigationId,
        String conductedBy,
        InvestigatorLevel level,
        InvestigationSubject subject,
        String subjectDescription,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
