package casetrack.shared.value;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartialDateTest {

    @Test
    void readsTheThreePrecisions() {
        assertThat(PartialDate.parse("1998-05-14")).isEqualTo(new PartialDate(1998, 5, 14));
        assertThat(PartialDate.parse("1997-08")).isEqualTo(new PartialDate(1997, 8, null));
        assertThat(PartialDate.parse("1904")).isEqualTo(new PartialDate(1904, null, null));
        assertThat(PartialDate.parse(" 1998-05 ")).isEqualTo(new PartialDate(1998, 5, null));
        assertThat(PartialDate.parse("1998-05-14").precision()).isEqualTo(DatePrecision.DAY);
        assertThat(PartialDate.parse("1998").latest()).isEqualTo(LocalDate.of(1998, 12, 31));
    }

    @Test
    void refusesWhatIsNotADateOrNoSuchDay() {
        assertThatThrownBy(() -> PartialDate.parse("1998-02-30")).hasMessageContaining("no such date");
        assertThatThrownBy(() -> PartialDate.parse("1998-13")).hasMessageContaining("no such date");
        assertThatThrownBy(() -> PartialDate.parse("1998-5-14")).hasMessageContaining("is not a date");
        assertThatThrownBy(() -> PartialDate.parse("١٩٩٨")).hasMessageContaining("is not a date");
        assertThatThrownBy(() -> PartialDate.parse("0999")).hasMessageContaining("four digits");
        assertThatThrownBy(() -> PartialDate.parse(null)).hasMessageContaining("required");
    }

    /** The quick path for the exact forms answers as the pattern does, on strings shaped like dates and near misses. */
    @Test
    void theQuickPathAgreesWithThePattern() {
        Pattern format = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");
        char[] alphabet = "0123456789-- /a\u0660".toCharArray();
        Random random = new Random(20261128);
        for (int i = 0; i < 200_000; i++) {
            int length = new int[]{3, 4, 5, 7, 8, 10, 11}[random.nextInt(7)];
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < length; j++) {
                boolean dash = j == 4 || j == 7;
                text.append(random.nextInt(8) == 0 ? alphabet[random.nextInt(alphabet.length)]
                        : dash ? '-' : (char) ('0' + random.nextInt(10)));
            }
            String candidate = text.toString();
            assertThat(outcome(() -> PartialDate.parse(candidate)))
                    .as(candidate).isEqualTo(outcome(() -> byPattern(format, candidate)));
        }
    }

    private static PartialDate byPattern(Pattern format, String text) {
        Matcher m = format.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY");
        }
        return new PartialDate(Integer.parseInt(m.group(1)), m.group(2) == null ? null : Integer.valueOf(m.group(2)),
                m.group(3) == null ? null : Integer.valueOf(m.group(3)));
    }

    private static Optional<Object> outcome(java.util.function.Supplier<PartialDate> parse) {
        try {
            return Optional.of(parse.get());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
