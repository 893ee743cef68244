package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Party;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Rehearing en banc was petitioned. */
@Revision("1")
public record RehearingEnBancPetitioned(
        String caseId,
        String appealId,
        Party petitioner,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
