package casetrack.shared.command;

import casetrack.shared.value.Defendant;
import casetrack.shared.value.Ids;
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

/** Opens a case about an incident in which federal officers harmed someone. */
public record OpenCase(
        @TargetAggregateIdentifier @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String caseId,
        @NotBlank @Size(max = 300) String title,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter US state code") String state,
        @NotBlank @Size(max = 200) String agency,
        @Size(max = 300) String place,
        @NotBlank @Size(max = 4000) String incident,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> victims,
        @NotEmpty @Size(max = 50) List<@Valid @NotNull Defendant> defendants,
        @NotNull @NotInFuture PartialDate occurredOn,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull Source> sources,
        @Size(max = 4000) String note,
        @Size(max = 1000) String dateConflict) implements CaseCommand {
}
