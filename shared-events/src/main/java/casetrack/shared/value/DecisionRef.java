package casetrack.shared.value;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Names an appealable decision, e.g. (IMMUNITY_RULING, "motion-1998"). */
public record DecisionRef(@NotNull DecisionKind kind,
                          @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id) {
}
