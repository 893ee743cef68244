package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Certiorari was granted or denied. */
@Revision("1")
public record CertiorariDecided(
        String caseId,
        String petitionId,
        boolean granted,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
