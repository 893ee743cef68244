package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Someone spoke publicly about the case. */
@Revision("1")
public record PublicStatementMade(
        String caseId,
        String speaker,
        String role,
        String quote,
        String medium,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
