package casetrack.bench;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import casetrack.shared.audit.HashChain;
import casetrack.shared.event.MetadataKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Grows the event store to a given size for the replay measurement without spending an hour on
 * HTTP: it copies whole case histories that this run recorded through the command API, each copy
 * under a new case id and new event ids, with the case id in every payload rewritten and the hash
 * chain recomputed ({@link HashChain}), so the copies are indistinguishable in kind from recorded
 * cases — the projections fold them, {@code ./casetrack verify} accepts them. Rows go in with
 * {@code COPY}, appended after everything recorded (the table stays append-only).
 */
final class StoreFiller {

    /** One stored event of a source case, as read from the table. */
    private record Stored(long sequence, String type, String timeStamp, String payloadType, String payloadRevision,
                          ObjectNode payload, ObjectNode metadata) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    /** Source cases longer than this (the aggregate-load case) are not copied: the mix stays realistic. */
    private static final int MAX_SOURCE_EVENTS = 200;

    private final Cluster cluster;

    StoreFiller(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Appends copies of recorded cases until the event table holds at least {@code target} events; answers how many were added. */
    long fillTo(long target, String copyPrefix) throws Exception {
        try (Connection c = cluster.connect()) {
            long have = count(c);
            if (have >= target) {
                return 0;
            }
            Map<String, List<Stored>> sources = sources(c);
            if (sources.isEmpty()) {
                throw new IllegalStateException("no recorded case to copy");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long added = 0;
            int round = 0;
            StringBuilder rows = new StringBuilder(1 << 20);
            int pending = 0;
            while (have + added < target) {
                round++;
                for (Map.Entry<String, List<Stored>> source : sources.entrySet()) {
                    if (have + added >= target) {
                        break;
                    }
                    String caseId = copyPrefix + round + "-" + Math.abs(source.getKey().hashCode() % 1_000_000) + "-" + added;
                    String previous = HashChain.GENESIS;
                    for (Stored e : source.getValue()) {
                        String eventId = UUID.randomUUID().toString();
                        ObjectNode payload = e.payload().deepCopy();
                        payload.put("caseId", caseId);
                        ObjectNode meta = e.metadata().deepCopy();
                        Map<String, Object> metaMap = new LinkedHashMap<>();
                        meta.fields().forEachRemaining(f -> metaMap.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
                        String hash = HashChain.hash(previous, caseId, e.sequence(), eventId, e.payloadType(), e.payloadRevision(),
                                payload, metaMap);
                        meta.put(MetadataKeys.PREVIOUS_HASH, previous);
                        meta.put(MetadataKeys.HASH, hash);
                        previous = hash;
                        row(rows, eventId, caseId, e, JSON.writeValueAsBytes(payload), JSON.writeValueAsBytes(meta));
                        added++;
                        pending++;
                    }
                    if (pending >= 5_000) {
                        flush(copy, rows);
                        pending = 0;
                    }
                }
            }
            flush(copy, rows);
            return added;
        }
    }

    private static void row(StringBuilder rows, String eventId, String caseId, Stored e, byte[] payload, byte[] meta) {
        rows.append(eventId).append('\t').append(caseId).append('\t').append(e.sequence()).append('\t')
                .append(text(e.type())).append('\t').append(text(e.timeStamp())).append('\t').append(text(e.payloadType())).append('\t')
                .append(text(e.payloadRevision())).append('\t')
                .append("\\\\x").append(HEX.formatHex(payload)).append('\t')
                .append("\\\\x").append(HEX.formatHex(meta)).append('\n');
    }

    /** A value in COPY's text format (none of ours hold tabs, newlines or backslashes; null as \N). */
    private static String text(String value) {
        if (value == null) {
            return "\\N";
        }
        if (value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\\') >= 0) {
            throw new IllegalStateException("unexpected character in " + value);
        }
        return value;
    }

    private static void flush(CopyManager copy, StringBuilder rows) throws Exception {
        if (rows.isEmpty()) {
            return;
        }
        copy.copyIn("COPY events.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
                + "payload_type, payload_revision, payload, meta_data) FROM STDIN", new StringReader(rows.toString()));
        rows.setLength(0);
    }

    private static long count(Connection c) throws Exception {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM events.domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whole recorded cases (from sequence 0, every event), up to 2,000 of them, in recorded order. */
    private static Map<String, List<Stored>> sources(Connection c) throws Exception {
        Map<String, List<Stored>> cases = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data
                FROM events.domain_event_entry
                WHERE aggregate_identifier IN (
                    SELECT aggregate_identifier FROM events.domain_event_entry
                    GROUP BY aggregate_identifier HAVING min(sequence_number) = 0 AND count(*) <= ?
                    ORDER BY min(global_index) LIMIT 2000)
                ORDER BY aggregate_identifier, sequence_number""")) {
            ps.setInt(1, MAX_SOURCE_EVENTS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cases.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Stored(rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6),
                            (ObjectNode) JSON.readTree(rs.getBytes(7)), (ObjectNode) JSON.readTree(new String(rs.getBytes(8), StandardCharsets.UTF_8))));
                }
            }
        }
        return cases;
    }
}
