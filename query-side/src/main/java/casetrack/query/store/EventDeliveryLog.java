package casetrack.query.store;

import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import casetrack.shared.event.CaseEvent;

/**
 * Counts, in the projections' own transaction, how often each event reached them. Since rows and
 * token commit together, every count is 1 unless two nodes handled one event (a segment claimed
 * twice) or a token went backwards; idempotent projections would hide either, this count does not.
 */
@Component
@ProcessingGroup(AxonStoreConfiguration.PROJECTIONS)
public class EventDeliveryLog {

    private final NamedParameterJdbcTemplate jdbc;

    public EventDeliveryLog(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(CaseEvent event, EventMessage<?> message) {
        long globalIndex = message instanceof TrackedEventMessage<?> t ? t.trackingToken().position().orElse(-1) : -1;
        String caseId = message instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : event.caseId();
        jdbc.update("""
                INSERT INTO query.event_delivery (event_id, case_id, global_index, deliveries)
                VALUES (:eventId, :caseId, :globalIndex, 1)
                ON CONFLICT (event_id) DO UPDATE SET deliveries = event_delivery.deliveries + 1
                """, Map.of("eventId", message.getIdentifier(), "caseId", caseId, "globalIndex", globalIndex));
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().execute("TRUNCATE query.event_delivery");
    }
}
