package casetrack.query.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import casetrack.shared.EventJson;
import casetrack.shared.event.MetadataKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The query side's metadata reader: what Axon's own gives, from the serializers the query side builds. */
class MetaDataJsonTest {

    private final JacksonSerializer stored = (JacksonSerializer) new AxonStoreConfiguration().eventSerializer();
    private final Serializer axons = JacksonSerializer.builder().objectMapper(EventJson.newMapper()).build();

    private static MetaData awkward() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("court", "D. Idaho");
        nested.put("judges", List.of("A", "B"));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(MetadataKeys.RECORDED_AT, "2025-01-07T14:03:09.123456Z");
        values.put(MetadataKeys.RECORDED_BY, "editor “Zoë” § 1983 \\ \"quoted\" 😀");
        values.put(MetadataKeys.CORRELATION_ID, "c-1");
        values.put("count", 42);
        values.put("big", 12_345_678_901L);
        values.put("ratio", 0.25);
        values.put("flag", true);
        values.put("nothing", null);
        values.put("nested", nested);
        values.put("", "empty key");
        return MetaData.from(values);
    }

    @Test
    void readsMetadataAsAxonsOwnDeserializerDoes() {
        MetaData written = awkward();
        SerializedObject<byte[]> json = axons.serialize(written, byte[].class);
        MetaData ours = stored.deserialize(json);
        MetaData theirs = axons.deserialize(json);
        assertThat(ours).isEqualTo(theirs).isEqualTo(written);
        assertThat(ours.get("nested")).isEqualTo(theirs.get("nested"));
        assertThat(ours.get("big")).isEqualTo(theirs.get("big")).isEqualTo(12_345_678_901L);
        // the second read goes through the deserializer kept by the first
        assertThat((MetaData) stored.deserialize(json)).isEqualTo(written);
        assertThat((MetaData) stored.deserialize(axons.serialize(MetaData.emptyInstance(), byte[].class))).isEmpty();
    }

    @Test
    void replacesAxonsDeserializerOnEveryStoredEventSerializer() throws Exception {
        AxonStoreConfiguration config = new AxonStoreConfiguration();
        for (Serializer serializer : List.of(config.eventSerializer(), config.messageSerializer(), config.serializer())) {
            assertThat(metaDataDeserializer(((JacksonSerializer) serializer).getObjectMapper())).isInstanceOf(MetaDataJson.class);
        }
        assertThat(metaDataDeserializer(((JacksonSerializer) axons).getObjectMapper()))
                .as("a serializer built without it keeps Axon's").isNotInstanceOf(MetaDataJson.class);
    }

    private static Object metaDataDeserializer(ObjectMapper mapper) throws Exception {
        DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);
        return context.findRootValueDeserializer(mapper.constructType(MetaData.class));
    }
}
