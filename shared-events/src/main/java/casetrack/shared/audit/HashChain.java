package casetrack.shared.audit;

import casetrack.shared.event.MetadataKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tamper-evident chain over each case's events. An event's {@code hash} (in its metadata) is
 * SHA-256 over a canonical JSON form of: the case id, the sequence number, the event id, the payload
 * type and revision, the payload, who recorded it and when, the command and correlation id, and
 * the previous event's hash ({@link #GENESIS} for the first). Canonical JSON: object keys sorted,
 * no whitespace. Changing, reordering or removing any stored event breaks the chain at that event.
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);

    /** The metadata that is part of the chain (the hash covers them; they cannot be altered unseen). */
    public static final List<String> CHAINED_METADATA = List.of(MetadataKeys.RECORDED_BY, MetadataKeys.RECORDED_AT,
            MetadataKeys.COMMAND_NAME, MetadataKeys.CORRELATION_ID);

    private static final ObjectMapper JSON = new ObjectMapper();

    private HashChain() {
    }

    /** One stored event as the chain sees it. */
    public record ChainedEvent(String caseId, long sequence, String eventId, String payloadType, String payloadRevision,
                               JsonNode payload, Map<String, String> metadata) {

        /** An event as stored: payload and metadata as the JSON bytes in the event table. */
        public static ChainedEvent fromStored(String caseId, long sequence, String eventId, String payloadType,
                                              String payloadRevision, byte[] payload, byte[] metadata) {
            try {
                Map<String, String> meta = new TreeMap<>();
                JSON.readTree(metadata).fields().forEachRemaining(f ->
                        meta.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
                return new ChainedEvent(caseId, sequence, eventId, payloadType, payloadRevision, JSON.readTree(payload), meta);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("stored event " + eventId + " is not readable JSON", e);
            }
        }

        public String hash() {
            return metadata.get(MetadataKeys.HASH);
        }

        public String previousHash() {
            return metadata.get(MetadataKeys.PREVIOUS_HASH);
        }
    }

    /** Where the chain breaks, and how. */
    public record Break(long sequence, String eventId, String problem) {
    }

    public static String hash(String previousHash, String caseId, long sequence, String eventId, String payloadType,
                              String payloadRevision, JsonNode payload, Map<String, ?> metadata) {
        ObjectNode form = JsonNodeFactory.instance.objectNode();
        form.put("caseId", caseId);
        form.put("sequence", sequence);
        form.put("eventId", eventId);
        form.put("payloadType", payloadType);
        form.put("payloadRevision", payloadRevision);
        form.set("payload", payload);
        ObjectNode chained = form.putObject("metadata");
        for (String key : CHAINED_METADATA) {
            Object value = metadata.get(key);
            chained.put(key, value == null ? null : value.toString());
        }
        form.put("previousHash", previousHash);
        return sha256(canonical(form));
    }

    /** Recomputes the chain over one case's events, in stored order; empty when it holds. */
    public static Optional<Break> verify(List<ChainedEvent> events) {
        String previous = GENESIS;
        long expectedSequence = 0;
        for (ChainedEvent e : events) {
            if (e.sequence() != expectedSequence) {
                return Optional.of(new Break(e.sequence(), e.eventId(), e.sequence() > expectedSequence
                        ? "event(s) missing before this one: expected sequence " + expectedSequence + ", found " + e.sequence()
                        : "sequence " + e.sequence() + " out of order: expected " + expectedSequence));
            }
            if (e.hash() == null) {
                return Optional.of(new Break(e.sequence(), e.eventId(), "the event carries no hash"));
            }
            if (!previous.equals(e.previousHash())) {
                return Optional.of(new Break(e.sequence(), e.eventId(),
                        "previousHash " + e.previousHash() + " does not match the previous event's hash " + previous));
            }
            String recomputed = hash(previous, e.caseId(), e.sequence(), e.eventId(), e.payloadType(), e.payloadRevision(),
                    e.payload(), e.metadata());
            if (!recomputed.equals(e.hash())) {
                return Optional.of(new Break(e.sequence(), e.eventId(),
                        "content altered: stored hash " + e.hash() + ", recomputed " + recomputed));
            }
            previous = e.hash();
            expectedSequence++;
        }
        return Optional.empty();
    }

    /** Keys sorted at every level, no insignificant whitespace. */
    public static String canonical(JsonNode node) {
        try {
            return JSON.writeValueAsString(sorted(node));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            object.fields().forEachRemaining(f -> fields.put(f.getKey(), sorted(f.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node instanceof ArrayNode array) {
            List<JsonNode> items = new ArrayList<>();
            array.forEach(item -> items.add(sorted(item)));
            return JsonNodeFactory.instance.arrayNode().addAll(items);
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
