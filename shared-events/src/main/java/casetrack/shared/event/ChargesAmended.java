package casetrack.shared.event;

import casetrack.shared.value.ChargeCount;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A charge was amended; counts replace the earlier counts. */
@Revision("1")
public record ChargesAmended(
        String caseId,
        String chargeId,
        List<ChargeCount> counts,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
