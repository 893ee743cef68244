package casetrack.shared.event;

import casetrack.shared.value.CountFinding;
import casetrack.shared.value.LegalFlag;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import casetrack.shared.value.VerdictOutcome;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A verdict was returned; flags say whether a conviction came while removal was pending. */
@Revision("1")
public record VerdictReturned(
        String caseId,
        String trialId,
        List<CountFinding> findings,
        VerdictOutcome outcome,
        List<LegalFlag> flags,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
