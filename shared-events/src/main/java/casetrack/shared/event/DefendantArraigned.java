package casetrack.shared.event;

import casetrack.shared.value.Court;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Defendants were arraigned in state court. */
@Revision("1")
public record DefendantArraigned(
        String caseId,
        List<String> defendantIds,
        Court court,
        String plea,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
