package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Access to evidence was disputed between governments. */
@Revision("1")
public record EvidenceAccessDisputed(
        String caseId,
        String withheldBy,
        String requestedBy,
        String evidence,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
