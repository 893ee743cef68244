package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/** A scheduled hearing was postponed. */
@Revision("1")
public record HearingPostponed(
        String caseId,
        String hearingId,
        LocalDate newDate,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
