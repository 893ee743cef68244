package casetrack.shared.audit;

import casetrack.shared.event.MetadataKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HashChainTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<HashChain.ChainedEvent> chain(int length) throws Exception {
        List<HashChain.ChainedEvent> events = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (int i = 0; i < length; i++) {
            JsonNode payload = JSON.readTree("{\"caseId\":\"c\",\"note\":\"step " + i + "\",\"occurredOn\":\"1998\"}");
            Map<String, String> meta = new HashMap<>(Map.of(MetadataKeys.RECORDED_BY, "editor",
                    MetadataKeys.RECORDED_AT, "2026-01-01T00:00:0" + i + "Z", MetadataKeys.COMMAND_NAME, "RecordPublicStatement",
                    MetadataKeys.CORRELATION_ID, "corr"));
            String hash = HashChain.hash(previous, "c", i, "e" + i, "casetrack.shared.event.PublicStatementMade", "1", payload, meta);
            meta.put(MetadataKeys.PREVIOUS_HASH, previous);
            meta.put(MetadataKeys.HASH, hash);
            events.add(new HashChain.ChainedEvent("c", i, "e" + i, "casetrack.shared.event.PublicStatementMade", "1", payload, meta));
            previous = hash;
        }
        return events;
    }

    @Test
    void anUntouchedChainVerifies() throws Exception {
        assertThat(HashChain.verify(chain(5))).isEmpty();
    }

    @Test
    void keyOrderAndWhitespaceDoNotChangeTheHash() throws Exception {
        JsonNode a = JSON.readTree("{\"b\":1,\"a\":{\"y\":[1,{\"q\":2,\"p\":1}],\"x\":null}}");
        JsonNode b = JSON.readTree("{ \"a\" : {\"x\":null, \"y\":[1,{\"p\":1,\"q\":2}]}, \"b\":1 }");

        assertThat(HashChain.canonical(a)).isEqualTo(HashChain.canonical(b));
    }

    @Test
    void anAlteredPayloadBreaksTheChainAtThatEvent() throws Exception {
        List<HashChain.ChainedEvent> events = chain(5);
        ((ObjectNode) events.get(2).payload()).put("note", "rewritten");

        assertThat(HashChain.verify(events)).get().satisfies(b -> {
            assertThat(b.sequence()).isEqualTo(2);
            assertThat(b.problem()).contains("content altered");
        });
    }

    @Test
    void anAlteredRecorderBreaksTheChain() throws Exception {
        List<HashChain.ChainedEvent> events = chain(4);
        events.get(1).metadata().put(MetadataKeys.RECORDED_BY, "someone else");

        assertThat(HashChain.verify(events)).get().extracting(HashChain.Break::sequence).isEqualTo(1L);
    }

    @Test
    void aRemovedEventIsNamed() throws Exception {
        List<HashChain.ChainedEvent> events = chain(5);
        events.remove(3);

        assertThat(HashChain.verify(events)).get().satisfies(b -> {
            assertThat(b.sequence()).isEqualTo(4);
            assertThat(b.problem()).contains("missing");
        });
    }

    @Test
    void swappedEventsAreNamed() throws Exception {
        List<HashChain.ChainedEvent> events = chain(4);
        HashChain.ChainedEvent second = events.get(1);
        events.set(1, events.get(2));
        events.set(2, second);

        assertThat(HashChain.verify(events)).get().extracting(HashChain.Break::sequence).isEqualTo(2L);
    }
}
