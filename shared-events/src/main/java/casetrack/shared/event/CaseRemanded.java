package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.RemandManner;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The federal court remanded the case to state court. */
@Revision("1")
public record CaseRemanded(
        String caseId,
        String removalId,
        RemandManner manner,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
