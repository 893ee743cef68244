package casetrack.shared.command;

import casetrack.shared.value.Court;
import casetrack.shared.value.HearingKind;
import casetrack.shared.value.Ids;
import casetrack.shared.value.NotInFuture;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Proceeding;
import casetrack.shared.value.Source;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Records that a hearing took place, scheduled in the record or not. */
public record HoldHearing(
        @TargetAggregateIdentifier @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String caseId,
        @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String hearingId,
        @NotNull HearingKind kind,
        @NotNull @Valid Proceeding proceeding,
        @NotNull @Valid Court court,
        @Size(max = 2000) String outcome,
        @NotNull @NotInFuture PartialDate occurredOn,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull Source> sources,
        @Size(max = 4000) String note,
        @Size(max = 1000) String dateConflict) implements CaseCommand {
}
