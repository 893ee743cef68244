package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.ProsecutionChangeReason;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Control of the prosecution changed. */
@Revision("1")
public record ProsecutionAuthorityChanged(
        String caseId,
        String office,
        String prosecutor,
        ProsecutionChangeReason reason,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
