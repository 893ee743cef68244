package casetrack.shared.event;

import casetrack.shared.value.Court;
import casetrack.shared.value.HearingKind;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Proceeding;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A hearing was held. */
@Revision("1")
public record HearingHeld(
        String caseId,
        String hearingId,
        HearingKind kind,
        Proceeding proceeding,
        Court court,
        String outcome,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
