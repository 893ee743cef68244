package casetrack.query.audit;

import casetrack.query.cases.Step;
import casetrack.shared.audit.ExportedEvents;
import casetrack.shared.audit.HashChain;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The raw record of a case, read straight from the event store (the query side may only read it). */
@Component
public class AuditTrail {

    public record Verification(String caseId, long events, boolean intact, HashChain.Break firstBreak,
                               Long projectionVersion, String note) {
    }

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;

    public AuditTrail(JdbcTemplate jdbc, EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    /** Every stored event of the case in sequence order, in the export form (payload, metadata, hashes). */
    public List<ObjectNode> events(String caseId) {
        return jdbc.query("""
                SELECT global_index, aggregate_identifier, sequence_number, event_identifier, payload_type, payload_revision,
                       time_stamp, payload, meta_data
                FROM events.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                (rs, n) -> ExportedEvents.line(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9)), caseId);
    }

    /** The case's steps in recording order, as the projections see them. */
    public List<Step> steps(String caseId) {
        try (Stream<? extends EventMessage<?>> recorded = eventStore.readEvents(caseId).asStream()) {
            return recorded.map(Step::of).collect(Collectors.toList());
        }
    }

    public Verification verify(String caseId) {
        List<ObjectNode> events = events(caseId);
        Optional<HashChain.Break> broken = HashChain.verify(events.stream().map(ExportedEvents::toChained).toList());
        Long projected = jdbc.query("SELECT version FROM query.case_summary WHERE case_id = ?",
                (rs, n) -> rs.getLong(1), caseId).stream().findFirst().orElse(null);
        long lastStored = events.isEmpty() ? -1 : events.get(events.size() - 1).get("sequence").asLong();
        if (broken.isEmpty() && projected != null && projected > lastStored) {
            // a chain cannot see its own tail cut off; the views remember how far the case had come
            HashChain.Break tail = new HashChain.Break(lastStored + 1, null, "event(s) missing at the end: the store ends at version "
                    + lastStored + " but the views had seen version " + projected);
            return new Verification(caseId, events.size(), false, tail, projected, null);
        }
        return new Verification(caseId, events.size(), broken.isEmpty(), broken.orElse(null), projected,
                broken.isEmpty() ? "every stored event matches its hash and follows the one before it" : null);
    }

    public List<String> caseIds() {
        return jdbc.queryForList("SELECT DISTINCT aggregate_identifier FROM events.domain_event_entry ORDER BY 1", String.class);
    }
}
