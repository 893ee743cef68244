package casetrack.shared.command;

import casetrack.shared.value.Ids;
import casetrack.shared.value.NotInFuture;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Source;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Retracts an earlier entry that should never have been recorded. The entry stays in the audit trail. */
public record RetractEntry(
        @TargetAggregateIdentifier @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String caseId,
        @NotBlank @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be the id of an earlier entry (a UUID)") String entryId,
        @NotBlank @Size(max = 2000) String reason,
        @NotInFuture PartialDate occurredOn,
        @Size(max = 20) List<@Valid @NotNull Source> sources,
        @Size(max = 4000) String note,
        @Size(max = 1000) String dateConflict) implements CaseCommand {
}
