package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** An investigation was blocked. */
@Revision("1")
public record InvestigationBlocked(
        String caseId,
        String investigationId,
        String blockedBy,
        String how,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
