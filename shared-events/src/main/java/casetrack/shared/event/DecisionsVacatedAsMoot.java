package casetrack.shared.event;

import casetrack.shared.value.Court;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Appellate decisions were vacated as moot. */
@Revision("1")
public record DecisionsVacatedAsMoot(
        String caseId,
        List<String> appealIds,
        Court court,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
