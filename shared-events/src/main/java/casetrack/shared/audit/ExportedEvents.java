package casetrack.shared.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The export format for auditors: JSON Lines, one stored event a line —
 * {@code {"globalIndex", "caseId", "sequence", "eventId", "payloadType", "payloadRevision",
 * "timestamp", "payload": {...}, "metadata": {... "hash", "previousHash"}}} — and the offline check
 * of such a file ({@code ./casetrack verify-file FILE}), which needs no database.
 */
public final class ExportedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportedEvents() {
    }

    public static ObjectNode line(long globalIndex, String caseId, long sequence, String eventId, String payloadType,
                                  String payloadRevision, String timestamp, byte[] payload, byte[] metadata) {
        try {
            ObjectNode line = JSON.createObjectNode();
            line.put("globalIndex", globalIndex);
            line.put("caseId", caseId);
            line.put("sequence", sequence);
            line.put("eventId", eventId);
            line.put("payloadType", payloadType);
            line.put("payloadRevision", payloadRevision);
            line.put("timestamp", timestamp);
            line.set("payload", JSON.readTree(payload));
            line.set("metadata", JSON.readTree(metadata));
            return line;
        } catch (IOException e) {
            throw new IllegalStateException("stored event " + eventId + " is not readable JSON", e);
        }
    }

    public static HashChain.ChainedEvent toChained(JsonNode line) {
        Map<String, String> metadata = new TreeMap<>();
        line.get("metadata").fields().forEachRemaining(f -> metadata.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
        return new HashChain.ChainedEvent(line.get("caseId").asText(), line.get("sequence").asLong(), line.get("eventId").asText(),
                line.get("payloadType").asText(), line.get("payloadRevision").isNull() ? null : line.get("payloadRevision").asText(),
                line.get("payload"), metadata);
    }

    /** Verifies every case in an export; answers each case's break, if any, in file order of cases. */
    public static Map<String, Optional<HashChain.Break>> verify(Path file) throws IOException {
        Map<String, List<HashChain.ChainedEvent>> byCase = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line;
                try {
                    line = JSON.readTree(text);
                } catch (IOException e) {
                    throw new IOException(file + " line " + number + " is not JSON", e);
                }
                HashChain.ChainedEvent event = toChained(line);
                byCase.computeIfAbsent(event.caseId(), k -> new ArrayList<>()).add(event);
            }
        }
        Map<String, Optional<HashChain.Break>> results = new LinkedHashMap<>();
        byCase.forEach((caseId, events) -> {
            events.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
            results.put(caseId, HashChain.verify(events));
        });
        return results;
    }

    /** {@code verify-file FILE}: exit 0 when every case's chain holds, 1 when one breaks, 2 on unreadable input. */
    public static int verifyFile(String[] args, PrintStream out) {
        if (args.length != 1) {
            out.println("usage: verify-file FILE   (a JSON Lines export from ./casetrack export CASE)");
            return 2;
        }
        try {
            Map<String, Optional<HashChain.Break>> results = verify(Path.of(args[0]));
            if (results.isEmpty()) {
                out.println("verify-file: " + args[0] + " holds no events");
                return 2;
            }
            boolean intact = true;
            for (Map.Entry<String, Optional<HashChain.Break>> r : results.entrySet()) {
                if (r.getValue().isEmpty()) {
                    out.println("OK      " + r.getKey() + ": the hash chain holds");
                } else {
                    HashChain.Break b = r.getValue().get();
                    intact = false;
                    out.println("BROKEN  " + r.getKey() + ": at sequence " + b.sequence() + " (event " + b.eventId() + "): " + b.problem());
                }
            }
            return intact ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            out.println("verify-file: cannot read " + args[0] + ": " + e.getMessage());
            return 2;
        }
    }
}
