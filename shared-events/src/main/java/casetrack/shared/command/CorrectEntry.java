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

/** Corrects an earlier entry: its date, its sources or its note. The entry itself is never edited. */
public record CorrectEntry(
        @TargetAggregateIdentifier @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String caseId,
        @NotBlank @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be the id of an earlier entry (a UUID)") String entryId,
        @NotBlank @Size(max = 2000) String reason,
        @NotInFuture PartialDate correctedOccurredOn,
        @Size(max = 20) List<@Valid @NotNull Source> correctedSources,
        @Size(max = 4000) String correctedNote,
        @NotInFuture PartialDate occurredOn,
        @Size(max = 20) List<@Valid @NotNull Source> sources,
        @Size(max = 4000) String note,
        @Size(max = 1000) String dateConflict) implements CaseCommand {
}
