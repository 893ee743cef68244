package casetrack.shared.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date in the world, known to the day ({@code 1998-01-12}), the month ({@code 1997-08}) or only
 * the year ({@code 1904}). Written in JSON as that ISO-8601 string; the precision follows from it.
 * Comparisons between partial dates are made on the span each may cover ({@link #earliest()} to
 * {@link #latest()}), so a step dated only "1998" is never said to come before one dated "1998-05-14".
 */
public record PartialDate(int year, Integer month, Integer day) implements Comparable<PartialDate> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

    public PartialDate {
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("year must have four digits, got " + year);
        }
        if (day != null && month == null) {
            throw new IllegalArgumentException("a day needs a month");
        }
        try {
            if (day != null) {
                LocalDate.of(year, month, day);
            } else if (month != null) {
                YearMonth.of(year, month);
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("no such date: " + e.getMessage(), e);
        }
    }

    @JsonCreator
    public static PartialDate parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a date is required");
        }
        // read on every deserialized event: the usual exact forms without the regex
        int length = text.length();
        if ((length == 4 || length == 7 || length == 10) && digits(text, 0, 4)
                && (length == 4 || text.charAt(4) == '-' && digits(text, 5, 7))
                && (length != 10 || text.charAt(7) == '-' && digits(text, 8, 10))) {
            return new PartialDate(number(text, 0, 4), length >= 7 ? number(text, 5, 7) : null,
                    length == 10 ? number(text, 8, 10) : null);
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY");
        }
        Integer month = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer day = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        return new PartialDate(Integer.parseInt(m.group(1)), month, day);
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    public static PartialDate of(LocalDate date) {
        return new PartialDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    public DatePrecision precision() {
        return day != null ? DatePrecision.DAY : month != null ? DatePrecision.MONTH : DatePrecision.YEAR;
    }

    /** The first day this date may stand for. */
    public LocalDate earliest() {
        return LocalDate.of(year, month == null ? 1 : month, day == null ? 1 : day);
    }

    /** The last day this date may stand for. */
    public LocalDate latest() {
        if (day != null) {
            return LocalDate.of(year, month, day);
        }
        if (month != null) {
            return YearMonth.of(year, month).atEndOfMonth();
        }
        return LocalDate.of(year, 12, 31);
    }

    /** True only when every day this date may stand for lies before every day the other may. */
    public boolean certainlyBefore(PartialDate other) {
        return latest().isBefore(other.earliest());
    }

    @JsonValue
    @Override
    public String toString() {
        // written on every serialization of every dated event: no String.format (it parses its pattern each call)
        StringBuilder text = new StringBuilder(10);
        padded(text, year, 4);
        if (month != null) {
            padded(text.append('-'), month, 2);
            if (day != null) {
                padded(text.append('-'), day, 2);
            }
        }
        return text.toString();
    }

    private static void padded(StringBuilder text, int value, int width) {
        if (value < 0) {
            // as %04d does: the sign counts toward the width
            text.append('-');
            value = -value;
            width--;
        }
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        text.append(digits);
    }

    /** Orders by earliest day, then the more precise date first. */
    @Override
    public int compareTo(PartialDate o) {
        int c = earliest().compareTo(o.earliest());
        return c != 0 ? c : precision().compareTo(o.precision());
    }
}
