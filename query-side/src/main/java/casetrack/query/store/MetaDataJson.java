package casetrack.query.store;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Reads an event's metadata as Axon's own {@code MetaDataDeserializer} does (a {@code Map<String,
 * Object>} into a new {@code HashMap}, then {@link MetaData#from}), but looks the map's deserializer
 * up once per mapper instead of once per event. Axon's looked it up through Jackson's
 * {@code DeserializationContext.findRootValueDeserializer} for every message: in a replay that lookup
 * was 6% of the projection threads' samples, against 1% for reading the map itself.
 * <p>
 * One instance per mapper ({@link #install}): the deserializer it keeps belongs to that mapper's
 * configuration. It is cachable, so Jackson also keeps it for {@code MetaData} rather than asking
 * the module again for every reader.
 */
final class MetaDataJson extends JsonDeserializer<MetaData> {

    private volatile JsonDeserializer<Object> map;

    /**
     * Registers this deserializer on the serializer's mapper. Jackson asks the modules registered last
     * first, so it replaces the one the serializer registered when it was built; call it after
     * building, before the first read.
     */
    static JacksonSerializer install(JacksonSerializer serializer) {
        ObjectMapper mapper = serializer.getObjectMapper();
        mapper.registerModule(new SimpleModule("casetrack-metadata").addDeserializer(MetaData.class, new MetaDataJson()));
        return serializer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MetaData deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonDeserializer<Object> values = map;
        if (values == null) {
            values = context.findRootValueDeserializer(
                    context.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
            map = values;
        }
        return MetaData.from((Map<String, ?>) values.deserialize(parser, context, new HashMap<String, Object>()));
    }

    @Override
    public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer types) throws IOException {
        return types.deserializeTypedFromObject(parser, context);
    }

    @Override
    public boolean isCachable() {
        return true;
    }
}
