package casetrack.shared;

import casetrack.shared.command.CommandCatalog;
import casetrack.shared.event.CaseEvent;
import casetrack.shared.event.EventCatalog;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EventJsonRoundTripTest {

    // stored events are read leniently, but the round trip must not depend on that
    private final ObjectMapper mapper = EventJson.newMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static Stream<Class<?>> messages() {
        return Stream.concat(EventCatalog.ALL.stream(), CommandCatalog.ALL.stream());
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageSurvivesJsonUnchanged(Class<?> type) throws Exception {
        Object original = Samples.of(type);

        String json = mapper.writeValueAsString(original);
        Object read = mapper.readValue(json, type);

        assertThat(read).isEqualTo(original);
        JsonNode tree = mapper.readTree(json);
        assertThat(tree.fieldNames()).toIterable()
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList());
    }

    @ParameterizedTest
    @MethodSource("messages")
    void datesAreWrittenAsReadableIsoStrings(Class<?> type) throws Exception {
        JsonNode tree = mapper.valueToTree(Samples.of(type));
        assertThat(tree.get("occurredOn").asText()).isEqualTo("1998-05-14");
    }

    @org.junit.jupiter.api.Test
    void everyCommandHasItsEventAndEveryEventIsACaseEvent() {
        assertThat(CommandCatalog.ALL).hasSameSizeAs(EventCatalog.ALL);
        assertThat(EventCatalog.ALL).allSatisfy(type -> assertThat(CaseEvent.class).isAssignableFrom(type));
        assertThat(CommandCatalog.names()).contains("FileStateCharge", "RemoveToFederalCourt", "AssertImmunity");
    }
}
