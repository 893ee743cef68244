package casetrack.shared.value;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A person the case is brought against, with the federal agency they served and their role there. */
public record Defendant(
        @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String defendantId,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 200) String agency,
        @Size(max = 200) String role) {
}
