package casetrack.query.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.function.Function;

/**
 * Instants stored as text in UTC ({@code 2025-01-07T14:03:09.123456Z}: {@link Instant#toString()}, and
 * Axon's event time stamps, {@code 2025-01-07T14:03:09.123Z}), read digit by digit rather than with a
 * {@code DateTimeFormatter}: the projections read two per event (the event's time stamp, the recording
 * time in its metadata), which with formatters was one of the larger costs of a replay. Any other form,
 * and any impossible date or time, goes to the parser the caller names, so the answer (or the error)
 * is always that parser's.
 */
public final class InstantText {

    private InstantText() {
    }

    /** The instant of {@code text}; forms other than {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} by {@code otherForms}. */
    public static Instant parse(String text, Function<String, Instant> otherForms) {
        int n = text.length();
        if (n < 20 || n > 30 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return otherForms.apply(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (n > 20) {
            if (text.charAt(19) != '.' || n == 21) {
                return otherForms.apply(text);
            }
            int fraction = digits(text, 20, n - 1);
            if (fraction < 0) {
                return otherForms.apply(text);
            }
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        } else if (text.charAt(19) != 'Z') {
            return otherForms.apply(text);
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return otherForms.apply(text);
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in text[from, to), or -1 if any of it is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
