package casetrack.shared.value;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A citation that supports a step: where it was said, by whom, and when it was published. */
public record Source(
        @NotBlank @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url,
        @Size(max = 500) String title,
        @Size(max = 200) String publisher,
        @NotInFuture PartialDate publishedOn) {
}
