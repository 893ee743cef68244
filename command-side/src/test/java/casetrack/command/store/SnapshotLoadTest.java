package casetrack.command.store;

import casetrack.command.CommandSideApplication;
import casetrack.command.support.Api;
import casetrack.command.support.CaseHistory;
import casetrack.command.support.CommandSideTest;
import casetrack.command.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node without a case cache loads every case from its snapshot and the events since. The snapshot
 * leaves out the statements (no rule reads them), so correcting or retracting one recorded before the
 * snapshot reads it from the event store, with the same answers as on a case built from its events.
 */
class SnapshotLoadTest extends CommandSideTest {

    private static ConfigurableApplicationContext uncached;

    @BeforeAll
    static void startANodeWithoutCaseCache() {
        uncached = new SpringApplicationBuilder(CommandSideApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--casetrack.access.editor-token=" + Api.EDITOR_TOKEN,
                "--casetrack.case-cache.max-cases=0",
                "--casetrack.snapshot-threshold=10");
    }

    @AfterAll
    static void stop() {
        uncached.close();
    }

    private static Api node() {
        int port = ((ServletWebServerApplicationContext) uncached).getWebServer().getPort();
        return new Api(HttpClient.newHttpClient(), "http://127.0.0.1:" + port);
    }

    private static final String STATEMENT = "{\"speaker\":\"a spokesperson\",\"quote\":\"Statement %d.\",\"occurredOn\":\"1998\","
            + "\"sources\":[{\"url\":\"https://example.org/fictional\"}]}";

    @Test
    void statementsFromBeforeTheSnapshotAreCorrectedAndRetractedFromTheStore() {
        String caseId = "snapshot-load-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        Api node = node();
        CaseHistory.record(node, caseId, steps.subList(0, 2));
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Api.Answer answer = node.command(caseId, "RecordPublicStatement", STATEMENT.formatted(i));
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
            statements.add(answer.body().get("eventIds").get(0).asText());
        }

        // the snapshot holds the opening and the charge, not one statement
        byte[] snapshot = jdbc.queryForObject("SELECT payload FROM events.snapshot_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY sequence_number DESC LIMIT 1", byte[].class, caseId);
        String json = new String(snapshot, StandardCharsets.UTF_8);
        assertThat(json).contains(steps.get(1).fields().get("chargeId").asText());
        statements.forEach(id -> assertThat(json).doesNotContain(id));

        // a correction dating the third statement before the incident is refused, naming it
        String third = statements.get(2);
        Api.Answer misdated = node.command(caseId, "CorrectEntry", "{\"entryId\":\"" + third + "\",\"reason\":\"date\","
                + "\"correctedOccurredOn\":\"1990\",\"occurredOn\":\"1999\"}");
        assertThat(misdated.status()).as(misdated.body().toString()).isEqualTo(422);
        assertThat(misdated.body().get("rule").asText()).isEqualTo("step-not-before-incident");
        assertThat(misdated.body().get("detail").asText()).contains("PublicStatementMade " + third);

        // it can be retracted once; the next load (from a newer snapshot or the events) knows it was
        long before = storedEvents(caseId);
        Api.Answer retracted = node.command(caseId, "RetractEntry", "{\"entryId\":\"" + third + "\",\"reason\":\"wrong speaker\"}");
        assertThat(retracted.status()).as(retracted.body().toString()).isEqualTo(200);
        assertThat(storedEvents(caseId)).isEqualTo(before + 1);
        for (int i = 25; i < 40; i++) {
            assertThat(node.command(caseId, "RecordPublicStatement", STATEMENT.formatted(i)).status()).isEqualTo(200);
        }
        Api.Answer again = node.command(caseId, "RetractEntry", "{\"entryId\":\"" + third + "\",\"reason\":\"twice\"}");
        assertThat(again.status()).as(again.body().toString()).isEqualTo(422);
        assertThat(again.body().get("rule").asText()).isEqualTo("entry-already-retracted");
        Api.Answer unknown = node.command(caseId, "RetractEntry", "{\"entryId\":\"" + UUID.randomUUID() + "\",\"reason\":\"none\"}");
        assertThat(unknown.body().get("rule").asText()).isEqualTo("entry-must-exist");

        // and the node with a cache, which built the case from its events, answers alike
        Api.Answer cachedAnswer = api.command(caseId, "RetractEntry", "{\"entryId\":\"" + third + "\",\"reason\":\"twice\"}");
        assertThat(cachedAnswer.body().get("rule").asText()).isEqualTo("entry-already-retracted");
    }

    /**
     * After an upgrade that changed what a snapshot holds (Case's {@code @Revision}), a snapshot of
     * the old form is skipped, not misread: the case loads from its events and the step is recorded.
     */
    @Test
    void aSnapshotOfAnOlderRevisionIsSkippedAndTheCaseLoadsFromItsEvents() {
        String caseId = "old-snapshot-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        Api node = node();
        CaseHistory.record(node, caseId, steps.subList(0, 2));
        // a revision-2 snapshot as session 3's code wrote it: entries with outlines of a class that no longer exists
        String oldForm = "{\"caseId\":\"" + caseId + "\",\"version\":1,\"entries\":[{\"id\":\"" + UUID.randomUUID()
                + "\",\"event\":{\"@type\":\"casetrack.command.cases.StepOutline\",\"kind\":\"PublicStatementMade\","
                + "\"occurredOn\":\"1998\"},\"retracted\":false}]}";
        jdbc.update("INSERT INTO events.snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, 1, 'Case', ?, ?, ?, '2', ?, ?)",
                caseId, UUID.randomUUID().toString(), java.time.Instant.now().toString(), "casetrack.command.cases.Case",
                oldForm.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        Api.Answer next = node.command(caseId, steps.get(2).command(), steps.get(2).fields().toString());

        assertThat(next.status()).as(next.body().toString()).isEqualTo(200);
        assertThat(next.body().get("version").asLong()).isEqualTo(2);
        assertThat(storedEvents(caseId)).isEqualTo(3);
    }

    /** A snapshot that cannot be read under the current revision is a cache miss, not a failed step. */
    @Test
    void anUnreadableSnapshotOfTheCurrentRevisionIsPassedOverToo() {
        String caseId = "unreadable-snapshot-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        Api node = node();
        CaseHistory.record(node, caseId, steps.subList(0, 2));
        String revision = jdbc.queryForObject("SELECT max(payload_revision) FROM events.snapshot_event_entry", String.class);
        jdbc.update("INSERT INTO events.snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, 1, 'Case', ?, ?, ?, ?, ?, ?)",
                caseId, UUID.randomUUID().toString(), java.time.Instant.now().toString(), "casetrack.command.cases.Case",
                revision, "{\"caseId\": [\"not\", \"a case\"]}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        Api.Answer next = node.command(caseId, steps.get(2).command(), steps.get(2).fields().toString());

        assertThat(next.status()).as(next.body().toString()).isEqualTo(200);
        assertThat(next.body().get("version").asLong()).isEqualTo(2);
        assertThat(storedEvents(caseId)).isEqualTo(3);
    }
}
