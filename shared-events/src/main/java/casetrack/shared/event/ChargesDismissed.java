package casetrack.shared.event;

import casetrack.shared.value.DismissalReason;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Prejudice;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Charges were dismissed. */
@Revision("1")
public record ChargesDismissed(
        String caseId,
        List<String> chargeIds,
        DismissalReason reason,
        Prejudice prejudice,
        String dismissedBy,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
