package casetrack.shared.event;

import casetrack.shared.value.Defendant;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A case was opened about an incident; occurredOn is the date of the incident. */
@Revision("1")
public record CaseOpened(
        String caseId,
        String title,
        String state,
        String agency,
        String place,
        String incident,
        List<String> victims,
        List<Defendant> defendants,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
