package casetrack.shared.value;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One count of a charge: the statute, what it says happened, and its grade. */
public record ChargeCount(
        @Min(1) @Max(999) int number,
        @NotBlank @Size(max = 200) String statute,
        @NotBlank @Size(max = 1000) String description,
        @NotNull OffenseGrade grade) {
}
