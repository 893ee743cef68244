package casetrack.shared.event;

import casetrack.shared.value.AmicusSupport;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import org.axonframework.serialization.Revision;

import java.util.List;

/** An amicus brief was filed in an appeal. */
@Revision("1")
public record AmicusBriefFiled(
        String caseId,
        String appealId,
        String amicus,
        AmicusSupport supporting,
        PartialDate occurredOn,
        List<Source> sources,
        String note,
        String dateConflict) implements CaseEvent {
}
