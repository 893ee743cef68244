package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Party;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A petition for certiorari was filed. */
@Revision("1")
public record CertiorariPetitioned(
        String caseId,
        String petitionId,
        String appealId,
        Party petitioner,
        String docketNumber,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
