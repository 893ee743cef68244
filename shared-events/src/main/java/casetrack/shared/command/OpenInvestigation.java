package casetrack.shared.command;

import casetrack.shared.value.Ids;
import casetrack.shared.value.InvestigationSubject;
import casetrack.shared.value.InvestigatorLevel;
import casetrack.shared.value.NotInFuture;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Records that a body opened an investigation. */
public record OpenInvestigation(
        @TargetAggregateIdentifier @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String caseId,
        @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String investigationId,
        @NotBlank @Size(max = 200) String conductedBy,
        @NotNull InvestigatorLevel level,
        @NotNull InvestigationSubject subject,
        @Size(max = 1000) String subjectDescription,
        @NotNull @NotInFuture PartialDate occurredOn,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull Source> sources,
        @Size(max = 4000) String note,
        @Size(max = 1000) String dateConflict) implements CaseCommand {
}
