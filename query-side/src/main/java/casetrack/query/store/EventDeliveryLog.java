package casetrack.query.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import casetrack.shared.event.CaseEvent;

/**
 * Counts, in the projections' own transaction, how often each event reached them. Since rows and
 * token commit together, every count is 1 unless two nodes handled one event (a segment claimed
 * twice) or a token went backwards; idempotent projections would hide either, this count does not.
 * The counts of a processor batch are written in one batched statement when the batch commits,
 * in the same transaction as its token.
 */
@Component
@ProcessingGroup(AxonStoreConfiguration.PROJECTIONS)
public class EventDeliveryLog {

    private final NamedParameterJdbcTemplate jdbc;

    public EventDeliveryLog(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String PENDING = EventDeliveryLog.class.getName() + ".pending";
    private static final String UPSERT = """
            INSERT INTO query.event_delivery (event_id, case_id, global_index, deliveries)
            VALUES (:eventId, :caseId, :globalIndex, 1)
            ON CONFLICT (event_id) DO UPDATE SET deliveries = event_delivery.deliveries + 1
            """;

    @EventHandler
    public void on(CaseEvent event, EventMessage<?> message) {
        long globalIndex = message instanceof TrackedEventMessage<?> t ? t.trackingToken().position().orElse(-1) : -1;
        String caseId = message instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : event.caseId();
        MapSqlParameterSource row = new MapSqlParameterSource(Map.of("eventId", message.getIdentifier(), "caseId", caseId,
                "globalIndex", globalIndex));
        if (!CurrentUnitOfWork.isStarted()) {
            // called directly, not by the processor: a unit of work of this one event
            DefaultUnitOfWork.startAndGet(message).execute(() -> pending().add(row));
        } else {
            pending().add(row);
        }
    }

    /** The rows of this batch; the first call in a batch arranges for them to be written when it commits. */
    private List<MapSqlParameterSource> pending() {
        return CurrentUnitOfWork.get().root().getOrComputeResource(PENDING, key -> {
            List<MapSqlParameterSource> rows = new ArrayList<>();
            CurrentUnitOfWork.get().root().onPrepareCommit(unitOfWork ->
                    jdbc.batchUpdate(UPSERT, rows.toArray(MapSqlParameterSource[]::new)));
            return rows;
        });
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().execute("TRUNCATE query.event_delivery");
    }
}
