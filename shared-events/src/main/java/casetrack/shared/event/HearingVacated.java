package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A scheduled hearing was vacated. */
@Revision("1")
public record HearingVacated(
        String caseId,
        String hearingId,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
