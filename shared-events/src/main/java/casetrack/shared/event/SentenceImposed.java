package casetrack.shared.event;

import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A sentence was imposed. */
@Revision("1")
public record SentenceImposed(
        String caseId,
        String trialId,
        String defendantId,
        String sentence,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
