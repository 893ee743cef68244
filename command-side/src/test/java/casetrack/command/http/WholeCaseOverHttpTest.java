package casetrack.command.http;

import casetrack.command.support.Api;
import casetrack.command.support.CaseHistory;
import casetrack.command.support.CommandSideTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Idaho v. Horiuchi, incident to closing, recorded over HTTP and stored as readable JSON in PostgreSQL. */
class WholeCaseOverHttpTest extends CommandSideTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyStepOfARealCaseIsRecordedAndStored() throws Exception {
        String caseId = "horiuchi-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);

        for (int i = 0; i < steps.size(); i++) {
            CaseHistory.Step step = steps.get(i);
            Api.Answer answer = step.command().equals("OpenCase")
                    ? api.openCase(step.fields().toString())
                    : api.command(caseId, step.command(), step.fields().toString());

            assertThat(answer.status()).as(step.command() + " " + answer.body())
                    .isEqualTo(i == 0 ? 201 : 200);
            assertThat(answer.body().get("caseId").asText()).isEqualTo(caseId);
            assertThat(answer.body().get("version").asLong()).as(step.command()).isEqualTo(i);
            assertThat(answer.body().get("eventIds")).hasSize(1);
            assertThat(answer.header("ETag")).isEqualTo("\"" + i + "\"");
            if (i == 0) {
                assertThat(answer.header("Location")).isEqualTo("/api/cases/" + caseId);
            }
        }

        assertThat(storedEvents(caseId)).isEqualTo(steps.size());
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT sequence_number, payload_type, convert_from(payload, 'UTF8') AS payload,
                       convert_from(meta_data, 'UTF8') AS meta_data
                FROM events.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""", caseId);
        assertThat(rows).extracting(r -> r.get("payload_type")).startsWith(
                "casetrack.shared.event.CaseOpened", "casetrack.shared.event.StateChargeFiled")
                .endsWith("casetrack.shared.event.CaseClosed");

        JsonNode charge = JSON.readTree((String) rows.get(1).get("payload"));
        assertThat(charge.get("chargeId").asText()).isEqualTo("manslaughter");
        assertThat(charge.get("occurredOn").asText()).isEqualTo("1997-08");

        JsonNode enBanc = JSON.readTree((String) rows.get(12).get("payload"));
        assertThat(enBanc.get("bench").asText()).isEqualTo("EN_BANC");
        assertThat(enBanc.get("votesFor").asInt()).isEqualTo(6);

        for (Map<String, Object> row : rows) {
            JsonNode meta = JSON.readTree((String) row.get("meta_data"));
            assertThat(meta.get("recordedBy").asText()).isNotBlank();
            assertThat(Instant.parse(meta.get("recordedAt").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(meta.get("correlationId").asText()).isNotBlank();
            assertThat(meta.get("commandName").asText()).isNotBlank();
            assertThat(meta.get("commandId").asText()).isNotBlank();
        }
        assertThat(JSON.readTree((String) rows.get(4).get("meta_data")).get("commandName").asText()).isEqualTo("AllowRemoval");

        // snapshots every 10 events in tests: the 17-event case has one, stored as readable JSON
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8') FROM events.snapshot_event_entry WHERE aggregate_identifier = ?",
                String.class, caseId)).singleElement().satisfies(snapshot ->
                assertThat(JSON.readTree(snapshot).get("caseId").asText()).isEqualTo(caseId)));
    }

    @Test
    void theCorrelationIdOfTheRequestTravelsToTheEvent() throws Exception {
        String caseId = "corr-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        api.post("/api/cases", steps.get(0).fields().toString(), Map.of("X-Correlation-Id", "story-42"));

        String meta = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM events.domain_event_entry "
                + "WHERE aggregate_identifier = ?", String.class, caseId);
        assertThat(JSON.readTree(meta).get("correlationId").asText()).as(meta).isEqualTo("story-42");
    }

    @Test
    void aCaseOpenedWithoutAnIdGetsOne() {
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", "ignored");
        var fields = steps.get(0).fields().deepCopy();
        fields.remove("caseId");

        Api.Answer answer = api.openCase(fields.toString());

        assertThat(answer.status()).isEqualTo(201);
        String caseId = answer.body().get("caseId").asText();
        assertThat(UUID.fromString(caseId)).isNotNull();
        assertThat(storedEvents(caseId)).isEqualTo(1);
    }
}
