package casetrack.shared.event;

import casetrack.shared.value.Court;
import casetrack.shared.value.HearingKind;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Proceeding;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/** A hearing was scheduled. */
@Revision("1")
public record HearingScheduled(
        String caseId,
        String hearingId,
        HearingKind kind,
        Proceeding proceeding,
        Court court,
        LocalDate scheduledFor,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
