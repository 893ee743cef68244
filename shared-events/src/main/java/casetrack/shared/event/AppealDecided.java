package casetrack.shared.event;

import casetrack.shared.value.AppealOutcome;
import casetrack.shared.value.Bench;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** An appeal was decided. */
@Revision("1")
public record AppealDecided(
        String caseId,
        String appealId,
        Bench bench,
        AppealOutcome outcome,
        Integer votesFor,
        Integer votesAgainst,
        String citation,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
