package casetrack.shared.value;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Names the proceeding a hearing belongs to, e.g. (APPEAL, "ninth-circuit"). */
public record Proceeding(@NotNull ProceedingKind kind,
                         @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id) {
}
