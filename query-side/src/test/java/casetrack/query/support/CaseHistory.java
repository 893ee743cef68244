package casetrack.query.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import casetrack.shared.event.CaseEvent;
import casetrack.shared.event.MetadataKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/** The recorded steps of one case as the command side would store them: sequence 0..n, with metadata. */
public class CaseHistory {

    private final String caseId;
    private final Consumer<List<DomainEventMessage<?>>> store;
    private long nextSequence;

    public CaseHistory(String caseId, Consumer<List<DomainEventMessage<?>>> store) {
        this.caseId = caseId;
        this.store = store;
    }

    public String caseId() {
        return caseId;
    }

    /** The version of the last recorded step. */
    public long version() {
        return nextSequence - 1;
    }

    /** Records steps in one append; returns the event id of the last. */
    public String record(CaseEvent... events) {
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            eventIds.add(UUID.randomUUID().toString());
        }
        return record(eventIds, List.of(events));
    }

    /**
     * Records steps in one append under the given event ids, so that a step can name an earlier step
     * of the same append (a correction, a retraction); returns the event id of the last.
     */
    public String record(List<String> eventIds, List<CaseEvent> events) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        String correlationId = UUID.randomUUID().toString();
        for (int i = 0; i < events.size(); i++) {
            CaseEvent event = events.get(i);
            String commandName = event.getClass().getSimpleName();
            long sequence = nextSequence++;
            messages.add(new GenericDomainEventMessage<>("Case", caseId, sequence, event,
                    MetaData.from(Map.of(
                            MetadataKeys.RECORDED_BY, "editor@casetrack.test",
                            MetadataKeys.RECORDED_AT, Instant.parse("2025-01-01T00:00:00Z").plusSeconds(nextSequence).toString(),
                            MetadataKeys.CORRELATION_ID, correlationId,
                            MetadataKeys.COMMAND_NAME, commandName)),
                    eventIds.get(i), Instant.now()));
        }
        store.accept(messages);
        return messages.get(messages.size() - 1).getIdentifier();
    }
}
