package casetrack.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps recorded on the command side show up on the query side; a crashed query side resumes without loss or duplicates. */
class EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = new RunningSystem().startCommandSide().startQuerySide();
    }

    @AfterAll
    static void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    /** The Idaho v. Horiuchi history (command-side test data), under a fresh case id; answers the versions written. */
    private static List<Long> recordHoriuchi(String caseId, int from, int to) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "command-side", "src", "test", "resources", "cases", "idaho-v-horiuchi.jsonl"));
        List<Long> versions = new ArrayList<>();
        for (String line : lines.subList(from, to)) {
            ObjectNode fields = (ObjectNode) JSON.readTree(line);
            String command = fields.remove("command").asText();
            if (fields.has("caseId")) {
                fields.put("caseId", caseId);
            }
            HttpResponse<String> answer = command.equals("OpenCase")
                    ? system.post("/api/cases", fields.toString())
                    : system.post("/api/cases/" + caseId + "/commands/" + command, fields.toString());
            assertThat(answer.statusCode()).as(command + ": " + answer.body()).isBetween(200, 201);
            versions.add(JSON.readTree(answer.body()).get("version").asLong());
        }
        return versions;
    }

    private static JsonNode awaitVersion(String caseId, long version) {
        return Awaitility.await("case " + caseId + " at version " + version + " on the query side")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> system.getJson(system.queryPort, "/api/cases/" + caseId),
                        summary -> summary != null && summary.get("version").asLong() == version);
    }

    @Test
    void aWholeCaseRecordedOnTheCommandSideIsReadOnTheQuerySide() throws Exception {
        String caseId = "e2e-" + UUID.randomUUID();

        List<Long> versions = recordHoriuchi(caseId, 0, 17);

        JsonNode summary = awaitVersion(caseId, versions.get(versions.size() - 1));
        assertThat(summary.get("title").asText()).isEqualTo("Idaho v. Horiuchi (Ruby Ridge)");
        assertThat(summary.get("stage").asText()).isEqualTo("CLOSED");
        JsonNode timeline = system.getJson(system.queryPort, "/api/cases/" + caseId + "/timeline");
        assertThat(timeline.get("steps")).hasSize(17);
    }

    @Test
    void aQuerySideKilledMidStreamResumesFromItsTokenWithoutLossOrDuplicates() throws Exception {
        String caseId = "crash-" + UUID.randomUUID();
        recordHoriuchi(caseId, 0, 8);
        awaitVersion(caseId, 7);

        system.killQuerySide();
        List<Long> versions = recordHoriuchi(caseId, 8, 17);
        system.startQuerySide();

        awaitVersion(caseId, versions.get(versions.size() - 1));
        JsonNode steps = system.getJson(system.queryPort, "/api/cases/" + caseId + "/timeline").get("steps");
        assertThat(steps).hasSize(17);
        List<Long> sequences = new ArrayList<>();
        steps.forEach(s -> sequences.add(s.get("sequence").asLong()));
        assertThat(sequences).doesNotHaveDuplicates().hasSize(17);
    }

    @Test
    void anAuditorVerifiesTheChainOnlineAndOfflineAndBothCatchATamperedEvent() throws Exception {
        String caseId = "audit-" + UUID.randomUUID();
        recordHoriuchi(caseId, 0, 17);
        String verifyPath = "/api/audit/cases/" + caseId + "/verify";

        JsonNode intact = JSON.readTree(system.get(system.queryPort, verifyPath, RunningSystem.AUDITOR_TOKEN).body());
        HttpResponse<String> export = system.get(system.queryPort, "/api/audit/cases/" + caseId + "/events?format=jsonl",
                RunningSystem.AUDITOR_TOKEN);
        Path file = Files.createTempFile("casetrack-export", ".jsonl");
        Files.writeString(file, export.body());
        RunningSystem.ToolRun offline = system.runTool("command-side", "verify-file", file.toString());

        assertThat(intact.get("intact").asBoolean()).as(intact.toString()).isTrue();
        assertThat(intact.get("events").asLong()).isEqualTo(17);
        assertThat(offline.exitCode()).as(offline.output()).isZero();
        assertThat(offline.output()).contains("OK", caseId);

        system.tamper("UPDATE events.domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "'MOTION_TO_DISMISS', 'HABEAS_CORPUS'), 'UTF8') WHERE aggregate_identifier = '" + caseId + "' AND sequence_number = 5");
        JsonNode broken = JSON.readTree(system.get(system.queryPort, verifyPath, RunningSystem.AUDITOR_TOKEN).body());
        Files.writeString(file, export.body().replace("CR 97-097-N-EJL", "CR 97-098-N-EJL"));
        RunningSystem.ToolRun offlineBroken = system.runTool("command-side", "verify-file", file.toString());

        assertThat(broken.get("intact").asBoolean()).isFalse();
        assertThat(broken.get("firstBreak").get("sequence").asLong()).isEqualTo(5);
        assertThat(offlineBroken.exitCode()).isEqualTo(1);
        assertThat(offlineBroken.output()).contains("BROKEN", "sequence 3");
    }

    @Test
    void theQuerySideRoleCannotWriteEvents() throws Exception {
        HttpResponse<String> health = system.get(system.queryPort, "/actuator/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        try (var c = java.sql.DriverManager.getConnection(system.jdbcUrl(), "casetrack_query", "");
             var s = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute("DELETE FROM events.domain_event_entry"))
                    .hasMessageContaining("permission denied");
        }
    }
}
