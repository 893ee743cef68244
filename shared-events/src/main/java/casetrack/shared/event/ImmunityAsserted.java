package casetrack.shared.event;

import casetrack.shared.value.Court;
import casetrack.shared.value.ImmunityRoute;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Defendants asserted Supremacy Clause immunity. */
@Revision("1")
public record ImmunityAsserted(
        String caseId,
        String claimId,
        List<String> defendantIds,
        ImmunityRoute route,
        Court court,
        String docketNumber,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
