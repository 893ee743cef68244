package casetrack.shared.event;

import casetrack.shared.value.CustodyKind;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Defendants were arrested or surrendered. */
@Revision("1")
public record DefendantTakenIntoCustody(
        String caseId,
        List<String> defendantIds,
        CustodyKind kind,
        String custodian,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
