package casetrack.shared.event;

import casetrack.shared.value.Court;
import casetrack.shared.value.LegalFlag;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.RemovalFiler;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A notice of removal was filed; flags say whether it came late without good cause. */
@Revision("1")
public record RemovalNoticeFiled(
        String caseId,
        String removalId,
        List<String> defendantIds,
        RemovalFiler filedBy,
        Court court,
        String docketNumber,
        String goodCause,
        List<LegalFlag> flags,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
