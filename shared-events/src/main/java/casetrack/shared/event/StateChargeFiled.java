package casetrack.shared.event;

import casetrack.shared.value.ChargeCount;
import casetrack.shared.value.ChargingInstrument;
import casetrack.shared.value.Court;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A state charge was filed. */
@Revision("1")
public record StateChargeFiled(
        String caseId,
        String chargeId,
        List<String> defendantIds,
        ChargingInstrument instrument,
        String filedBy,
        Court court,
        String docketNumber,
        List<ChargeCount> counts,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
