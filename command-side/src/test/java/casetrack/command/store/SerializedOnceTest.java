package casetrack.command.store;

import casetrack.shared.EventJson;
import casetrack.shared.audit.HashChain;
import casetrack.shared.event.MetadataKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash chain serializes each payload once: the store is handed those bytes (for {@code bytea}),
 * they are what the hash covers, and the event is otherwise the one the case applied.
 */
class SerializedOnceTest {

    /** Keeps the messages the chain hands on. */
    static class CapturingEngine extends InMemoryEventStorageEngine {
        final List<EventMessage<?>> appended = new ArrayList<>();

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            appended.addAll(events);
            super.appendEvents(events);
        }
    }

    private final Serializer serializer = JacksonSerializer.builder().objectMapper(EventJson.newMapper()).build();
    private final CapturingEngine store = new CapturingEngine();
    private final HashChainingStorageEngine engine = new HashChainingStorageEngine(store, serializer, 100, () -> { });

    @Test
    void theStoreGetsTheBytesTheHashCoversAndTheEventIsOtherwiseUnchanged() {
        Instant at = Instant.parse("2024-05-01T10:15:30.123456Z");
        DomainEventMessage<?> applied = new GenericDomainEventMessage<>("Case", "case-1", 0,
                Map.of("title", "State v. Once (fictional) \u2014 \u00e9", "count", 3),
                Map.of(MetadataKeys.RECORDED_BY, "editor"), "event-1", at);

        engine.appendEvents(List.of(applied));

        DomainEventMessage<?> handedOn = (DomainEventMessage<?>) store.appended.get(0);
        SerializedObject<byte[]> stored = handedOn.serializePayload(serializer, byte[].class);
        assertThat(handedOn.serializePayload(serializer, byte[].class)).as("serialized once, asked twice").isSameAs(stored);
        assertThat(stored.getData()).isEqualTo(serializer.serialize(applied.getPayload(), byte[].class).getData());

        assertThat(handedOn.getIdentifier()).isEqualTo("event-1");
        assertThat(handedOn.getTimestamp()).isEqualTo(at);
        assertThat(handedOn.getAggregateIdentifier()).isEqualTo("case-1");
        assertThat(handedOn.getSequenceNumber()).isZero();
        assertThat(handedOn.getType()).isEqualTo("Case");
        assertThat(handedOn.getPayload()).isSameAs(applied.getPayload());
        assertThat(handedOn.getMetaData()).containsEntry(MetadataKeys.RECORDED_BY, "editor")
                .containsEntry(MetadataKeys.PREVIOUS_HASH, HashChain.GENESIS).containsKey(MetadataKeys.HASH);

        // the chain verifies over the bytes as stored
        byte[] metadata = handedOn.serializeMetaData(serializer, byte[].class).getData();
        HashChain.ChainedEvent chained = HashChain.ChainedEvent.fromStored("case-1", 0, "event-1",
                stored.getType().getName(), stored.getType().getRevision(), stored.getData(), metadata);
        assertThat(HashChain.verify(List.of(chained))).isEmpty();
    }

    @Test
    void anotherRepresentationOrSerializerIsSerializedAnew() {
        engine.appendEvents(List.of(new GenericDomainEventMessage<>("Case", "case-2", 0, Map.of("step", 1))));
        DomainEventMessage<?> handedOn = (DomainEventMessage<?>) store.appended.get(0);

        assertThat(handedOn.serializePayload(serializer, String.class).getData()).isEqualTo("{\"step\":1}");
        Serializer other = JacksonSerializer.defaultSerializer();
        SerializedObject<byte[]> byOther = handedOn.serializePayload(other, byte[].class);
        assertThat(byOther).isNotSameAs(handedOn.serializePayload(serializer, byte[].class));
        assertThat(new String(byOther.getData(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"step\":1}");
    }
}
