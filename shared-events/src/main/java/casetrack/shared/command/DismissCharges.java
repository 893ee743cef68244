package casetrack.shared.command;

import casetrack.shared.value.DismissalReason;
import casetrack.shared.value.Ids;
import casetrack.shared.value.NotInFuture;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Prejudice;
import casetrack.shared.value.Source;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Records the dismissal of one or more charges, by the prosecutor or the court. */
public record DismissCharges(
        @TargetAggregateIdentifier @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String caseId,
        @NotEmpty @Size(max = 50) List<@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> chargeIds,
        @NotNull DismissalReason reason,
        Prejudice prejudice,
        @Size(max = 200) String dismissedBy,
        @NotNull @NotInFuture PartialDate occurredOn,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull Source> sources,
        @Size(max = 4000) String note,
        @Size(max = 1000) String dateConflict) implements CaseCommand {
}
