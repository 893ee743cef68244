package casetrack.shared.value;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The finding on one count of one charge for one defendant. */
public record CountFinding(
        @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String chargeId,
        @Min(1) @Max(999) int countNumber,
        @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String defendantId,
        @NotNull Finding finding) {
}
