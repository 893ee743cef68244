package casetrack.shared.event;

import casetrack.shared.value.Court;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A trial started. */
@Revision("1")
public record TrialStarted(
        String caseId,
        String trialId,
        List<String> defendantIds,
        Court court,
        boolean jury,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
