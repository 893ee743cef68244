package casetrack.query.cases;

import java.time.Instant;

import casetrack.query.store.InstantText;
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
     * {@code 2025-01-07T14:03:09.123456Z}), read without a {@code DateTimeFormatter} (a replay reads one
     * per event); any other form goes to {@link Instant#parse}.
     */
    static Instant instant(String text) {
        return InstantText.parse(text, Instant::parse);
    }

    private static String text(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
