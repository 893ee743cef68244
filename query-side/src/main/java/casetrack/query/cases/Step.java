package casetrack.query.cases;

import java.time.Instant;

import casetrack.shared.event.CaseEvent;
import casetrack.shared.event.MetadataKeys;
import casetrack.shared.value.PartialDate;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * One recorded step as the projections see it: the event, where it stands in its case and in the
 * whole store, and who recorded it when. {@code occurredOn} is the date in force (a correction may
 * have replaced the event's own).
 */
public record Step(String eventId,
                   String caseId,
                   long sequence,
                   long globalIndex,
                   CaseEvent event,
                   PartialDate occurredOn,
                   Instant recordedAt,
                   String recordedBy,
                   String correlationId,
                   String commandName) {

    public static Step of(EventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> domain) || !(message.getPayload() instanceof CaseEvent event)) {
            throw new IllegalArgumentException("not a case event: " + message.getPayloadType().getName());
        }
        long globalIndex = message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().orElse(-1) : -1;
        Object recordedAt = message.getMetaData().get(MetadataKeys.RECORDED_AT);
        return new Step(message.getIdentifier(),
                domain.getAggregateIdentifier(),
                domain.getSequenceNumber(),
                globalIndex,
                event,
                event.occurredOn(),
                recordedAt == null ? message.getTimestamp() : instant(recordedAt.toString()),
                text(message, MetadataKeys.RECORDED_BY),
                text(message, MetadataKeys.CORRELATION_ID),
                text(message, MetadataKeys.COMMAND_NAME));
    }

    public Step withOccurredOn(PartialDate corrected) {
        return new Step(eventId, caseId, sequence, globalIndex, event, corrected, recordedAt, recordedBy, correlationId,
                commandName);
    }

    public String type() {
        return event.getClass().getSimpleName();
    }

    /**
     * An instant as {@link Instant#toString()} writes it (what the command side records:
     * {@code 2025-01-07T14:03:09.123456Z}, the fraction 0-9 digits), read without a
     * {@code DateTimeFormatter} (a replay reads one per event); any other form goes to {@link Instant#parse}.
     */
    static Instant instant(String text) {
        int n = text.length();
        if (n < 20 || n > 30 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Instant.parse(text);
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
                return Instant.parse(text);
            }
            int fraction = digits(text, 20, n - 1);
            if (fraction < 0) {
                return Instant.parse(text);
            }
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        } else if (text.charAt(19) != 'Z') {
            return Instant.parse(text);
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Instant.parse(text);
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
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

    private static String text(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
