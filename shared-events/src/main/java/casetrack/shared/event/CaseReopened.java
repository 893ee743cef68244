package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A closed case was reopened. */
@Revision("1")
public record CaseReopened(
        String caseId,
        String reason,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
