package casetrack.query.cases;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recording time read without a DateTimeFormatter gives exactly what Instant.parse gives. */
class StepInstantTest {

    @Test
    void agreesWithInstantParseOnInstantsAsJavaWritesThem() {
        SplittableRandom random = new SplittableRandom(20261201);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertThat(Step.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void otherFormsAndImpossibleDatesGetWhatInstantParseGives() {
        for (String text : new String[]{"2025-01-07T14:03:09.5Z", "2024-02-29T23:59:59.999999999Z", "2025-01-07T14:03:09.12Z",
                "2025-02-30T00:00:00Z", "2025-13-01T00:00:00Z", "2025-01-07T24:00:00Z", "2025-01-07T14:03:09.Z",
                "2025-01-07 14:03:09Z", "2025-01-07T14:03:09+01:00", "+12025-01-07T14:03:09Z", "2025-01-07T14:03:60Z"}) {
            assertThat(outcome(() -> Step.instant(text))).as(text).isEqualTo(outcome(() -> Instant.parse(text)));
        }
        assertThatThrownBy(() -> Step.instant("2025-02-30T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }

    private static String outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get().toString();
        } catch (DateTimeParseException e) {
            return "refused";
        }
    }
}
