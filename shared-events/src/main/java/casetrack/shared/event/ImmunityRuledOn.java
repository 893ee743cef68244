package casetrack.shared.event;

import casetrack.shared.value.ImmunityOutcome;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Prejudice;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A court ruled on an immunity claim. */
@Revision("1")
public record ImmunityRuledOn(
        String caseId,
        String claimId,
        ImmunityOutcome outcome,
        Prejudice prejudice,
        String judge,
        String citation,
        boolean afterVerdict,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
