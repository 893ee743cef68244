package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Rehearing en banc was granted or denied. */
@Revision("1")
public record RehearingEnBancDecided(
        String caseId,
        String appealId,
        boolean granted,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
