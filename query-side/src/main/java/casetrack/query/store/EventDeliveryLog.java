package casetrack.query.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
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
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import casetrack.shared.event.CaseEvent;

/**
 * Counts, in the projections' own transaction, how often each event reached them. Since rows and
 * token commit together, every count is 1 unless two nodes handled one event (a segment claimed
 * twice) or a token went backwards; idempotent projections would hide either, this count does not.
 * The counts of a processor batch are one statement of the batch's write ({@link BatchWrite}),
 * in the same transaction as its token.
 */
@Component
@ProcessingGroup(AxonStoreConfiguration.PROJECTIONS)
public class EventDeliveryLog {

    /** One event's deliveries within one batch (more than one only if the batch itself repeated it). */
    private static final class Count {
        final String caseId;
        final long globalIndex;
        int deliveries;

        Count(String caseId, long globalIndex) {
            this.caseId = caseId;
            this.globalIndex = globalIndex;
        }
    }

    private static final String PENDING = EventDeliveryLog.class.getName() + ".pending";
    /** A batch's counts as one statement over arrays (a JDBC batch cost PostgreSQL one executor start per event). */
    private static final String UPSERT = """
            INSERT INTO query.event_delivery (event_id, case_id, global_index, deliveries)
            SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS integer[]))
            ON CONFLICT (event_id) DO UPDATE SET deliveries = event_delivery.deliveries + excluded.deliveries
            """;

    private final JdbcTemplate jdbc;

    public EventDeliveryLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(CaseEvent event, EventMessage<?> message) {
        long globalIndex = message instanceof TrackedEventMessage<?> t ? t.trackingToken().position().orElse(-1) : -1;
        String caseId = message instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : event.caseId();
        if (!CurrentUnitOfWork.isStarted()) {
            // called directly, not by the processor: a unit of work of this one event
            DefaultUnitOfWork.startAndGet(message).execute(() -> count(message.getIdentifier(), caseId, globalIndex));
        } else {
            count(message.getIdentifier(), caseId, globalIndex);
        }
    }

    private void count(String eventId, String caseId, long globalIndex) {
        pending().computeIfAbsent(eventId, id -> new Count(caseId, globalIndex)).deliveries++;
    }

    /** The counts of this batch by event id; the first call in a batch adds them to the batch's write. */
    private Map<String, Count> pending() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Map<String, Count> counts = batch.getResource(PENDING);
        if (counts == null) {
            Map<String, Count> fresh = new LinkedHashMap<>();
            batch.resources().put(PENDING, fresh);
            BatchWrite.current(jdbc).contribute(() -> fresh.isEmpty() ? null : List.of(upsert(fresh)));
            counts = fresh;
        }
        return counts;
    }

    private static BatchWrite.Part upsert(Map<String, Count> counts) {
        return new BatchWrite.Part() {
            @Override
            public String sql() {
                return UPSERT;
            }

            @Override
            public boolean genericPlan() {
                return true;
            }

            @Override
            public Object[] parameters(Connection connection) throws SQLException {
                int n = counts.size();
                String[] eventIds = new String[n];
                String[] caseIds = new String[n];
                Long[] globalIndexes = new Long[n];
                Integer[] deliveries = new Integer[n];
                int i = 0;
                for (Map.Entry<String, Count> e : counts.entrySet()) {
                    eventIds[i] = e.getKey();
                    caseIds[i] = e.getValue().caseId;
                    globalIndexes[i] = e.getValue().globalIndex;
                    deliveries[i] = e.getValue().deliveries;
                    i++;
                }
                return new Object[]{BatchWrite.array(connection, "text", eventIds), BatchWrite.array(connection, "text", caseIds),
                        BatchWrite.array(connection, "int8", globalIndexes), BatchWrite.array(connection, "int4", deliveries)};
            }
        };
    }

    @ResetHandler
    public void reset() {
        jdbc.execute("TRUNCATE query.event_delivery");
    }
}
