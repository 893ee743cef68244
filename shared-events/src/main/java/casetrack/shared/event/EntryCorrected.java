package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** An earlier entry was corrected; the corrected values replace the entry's own in every view, which marks the correction. */
@Revision("1")
public record EntryCorrected(
        String caseId,
        String entryId,
        String reason,
        PartialDate correctedOccurredOn,
        List<Source> correctedSources,
        String correctedNote,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
