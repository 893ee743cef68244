package casetrack.shared.command;

import casetrack.shared.value.ChargeCount;
import casetrack.shared.value.ChargingInstrument;
import casetrack.shared.value.Court;
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

/** Files a state charge against one or more defendants (complaint, information, indictment or warrant). */
public record FileStateCharge(
        @TargetAggregateIdentifier @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String caseId,
        @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String chargeId,
        @Size(max = 50) List<@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> defendantIds,
        @NotNull ChargingInstrument instrument,
        @NotBlank @Size(max = 200) String filedBy,
        @NotNull @Valid Court court,
        @Size(max = 100) String docketNumber,
        @NotEmpty @Size(max = 100) List<@Valid @NotNull ChargeCount> counts,
        @NotNull @NotInFuture PartialDate occurredOn,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull Source> sources,
        @Size(max = 4000) String note,
        @Size(max = 1000) String dateConflict) implements CaseCommand {
}
