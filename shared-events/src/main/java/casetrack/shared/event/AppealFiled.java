package casetrack.shared.event;

import casetrack.shared.value.Court;
import casetrack.shared.value.DecisionRef;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Party;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** An appeal was filed. */
@Revision("1")
public record AppealFiled(
        String caseId,
        String appealId,
        Party appellant,
        Court court,
        String docketNumber,
        DecisionRef decision,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
