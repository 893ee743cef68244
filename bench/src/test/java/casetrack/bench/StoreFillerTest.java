package casetrack.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import casetrack.shared.audit.HashChain;
import casetrack.shared.event.MetadataKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copies the bench appends before its replay measurement are whole, well-formed cases: new
 * ids, the case id rewritten in every payload, gap-free sequences and hash chains that verify,
 * the source cases untouched. On a real PostgreSQL 17 with the event store's own schema.
 */
class StoreFillerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Cluster cluster;

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = new Cluster(Path.of("."));
        cluster.startPostgres();
        try (Connection c = cluster.connect(); Statement s = c.createStatement();
             InputStream schema = Objects.requireNonNull(StoreFillerTest.class.getResourceAsStream("/db/events/V1__event_store.sql"))) {
            s.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    @Test
    void copiesWholeCasesWithNewIdsAndValidChainsUntilTheStoreHoldsTheTarget() throws Exception {
        record("fictional-a", 3);
        record("fictional-b", 5);
        record("too-long-to-copy", 201);

        long added = new StoreFiller(cluster).fillTo(1_000, "copy-");

        Map<String, List<HashChain.ChainedEvent>> cases = readAll();
        assertThat(cases.values().stream().mapToLong(List::size).sum()).isEqualTo(209 + added).isGreaterThanOrEqualTo(1_000);
        assertThat(cases.keySet()).filteredOn(id -> id.startsWith("copy-")).hasSizeGreaterThan(100);
        assertThat(cases.keySet().stream().filter(id -> id.startsWith("copy-"))
                .map(id -> cases.get(id).size())).allMatch(n -> n == 3 || n == 5);
        for (Map.Entry<String, List<HashChain.ChainedEvent>> c : cases.entrySet()) {
            assertThat(HashChain.verify(c.getValue())).as("chain of " + c.getKey()).isEmpty();
            for (int i = 0; i < c.getValue().size(); i++) {
                HashChain.ChainedEvent e = c.getValue().get(i);
                assertThat(e.sequence()).isEqualTo(i);
                assertThat(e.payload().get("caseId").asText()).isEqualTo(c.getKey());
            }
        }
        // the long case is never copied: its 201 events are the only ones of that shape
        assertThat(cases.values()).filteredOn(l -> l.size() > 200).hasSize(1);
        assertThat(new StoreFiller(cluster).fillTo(1_000, "again-")).isZero();
    }

    /** A case recorded the way the command side seals it: payloads naming the case, a hash chain from genesis. */
    private static void record(String caseId, int events) throws Exception {
        try (Connection c = cluster.connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO events.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, 'Case', '2026-11-28T00:00:00Z', ?, '1', ?, ?)""")) {
            String previous = HashChain.GENESIS;
            for (int i = 0; i < events; i++) {
                String eventId = caseId + "-e" + i;
                String type = "casetrack.shared.event.PublicStatementMade";
                ObjectNode payload = JSON.createObjectNode().put("caseId", caseId).put("quote", "Fictional statement " + i + " ☃");
                Map<String, Object> meta = new LinkedHashMap<>(Map.of(MetadataKeys.RECORDED_BY, "editor",
                        MetadataKeys.RECORDED_AT, "2026-11-28T00:00:0" + (i % 10) + "Z", MetadataKeys.COMMAND_NAME, "RecordPublicStatement",
                        MetadataKeys.CORRELATION_ID, "corr-" + i));
                String hash = HashChain.hash(previous, caseId, i, eventId, type, "1", payload, meta);
                meta.put(MetadataKeys.PREVIOUS_HASH, previous);
                meta.put(MetadataKeys.HASH, hash);
                previous = hash;
                ps.setString(1, eventId);
                ps.setString(2, caseId);
                ps.setLong(3, i);
                ps.setString(4, type);
                ps.setBytes(5, JSON.writeValueAsBytes(payload));
                ps.setBytes(6, JSON.writeValueAsBytes(meta));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Map<String, List<HashChain.ChainedEvent>> readAll() throws Exception {
        Map<String, List<HashChain.ChainedEvent>> cases = new LinkedHashMap<>();
        try (Connection c = cluster.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT aggregate_identifier, sequence_number, event_identifier, payload_type, payload_revision, payload, meta_data
                FROM events.domain_event_entry ORDER BY aggregate_identifier, sequence_number""")) {
            while (rs.next()) {
                cases.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(HashChain.ChainedEvent.fromStored(rs.getString(1),
                        rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBytes(6), rs.getBytes(7)));
            }
        }
        return cases;
    }
}
