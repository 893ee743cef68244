package casetrack.shared.event;

import casetrack.shared.value.FederalActionKind;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Federal officials acted against state officials. */
@Revision("1")
public record FederalActionTaken(
        String caseId,
        FederalActionKind kind,
        String takenBy,
        List<String> targets,
        String description,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
