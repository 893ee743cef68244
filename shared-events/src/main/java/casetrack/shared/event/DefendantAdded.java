package casetrack.shared.event;

import casetrack.shared.value.Defendant;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A defendant was added to the case. */
@Revision("1")
public record DefendantAdded(
        String caseId,
        Defendant defendant,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
