package casetrack.shared.value;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A court by level and name, e.g. FEDERAL_DISTRICT "U.S. District Court for the District of Idaho". */
public record Court(@NotNull CourtLevel level, @NotBlank @Size(max = 200) String name) {
}
