package casetrack.command.store;

import casetrack.command.CommandSideApplication;
import casetrack.command.support.Api;
import casetrack.command.support.CaseHistory;
import casetrack.command.support.CommandSideTest;
import casetrack.command.support.TestDatabase;
import casetrack.shared.audit.HashChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpClient;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-side nodes on one database, each with its case cache and remembered hashes: a node
 * whose cached case is behind the store refuses the step with 409 and writes nothing, and the retry
 * (the case reloaded) is recorded with an intact hash chain.
 */
class TwoNodesOneDatabaseTest extends CommandSideTest {

    private static ConfigurableApplicationContext otherNode;

    @BeforeAll
    static void startTheOtherNode() {
        otherNode = new SpringApplicationBuilder(CommandSideApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--casetrack.access.editor-token=" + Api.EDITOR_TOKEN,
                "--casetrack.snapshot-threshold=10");
    }

    @AfterAll
    static void stopTheOtherNode() {
        otherNode.close();
    }

    private Api other() {
        int port = ((ServletWebServerApplicationContext) otherNode).getWebServer().getPort();
        return new Api(HttpClient.newHttpClient(), "http://127.0.0.1:" + port);
    }

    private static final String STATEMENT = "{\"speaker\":\"%s\",\"quote\":\"We will appeal.\",\"occurredOn\":\"1998\","
            + "\"sources\":[{\"url\":\"https://example.org/fictional\"}]}";

    @Test
    void aStepAcceptedOnACachedCaseThatIsBehindIs409AndWritesNothingThenTheRetryIsRecorded() {
        String caseId = "two-nodes-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        CaseHistory.record(api, caseId, steps.subList(0, 4)); // this node now holds the case at version 3

        Api.Answer behindItsBack = other().command(caseId, steps.get(4).command(), steps.get(4).fields().toString());
        assertThat(behindItsBack.status()).as(behindItsBack.body().toString()).isEqualTo(200);

        Api.Answer stale = api.command(caseId, "RecordPublicStatement", STATEMENT.formatted("a spokesperson"));
        assertThat(stale.status()).as(stale.body().toString()).isEqualTo(409);
        assertThat(storedEvents(caseId)).isEqualTo(5);

        Api.Answer retry = api.command(caseId, "RecordPublicStatement", STATEMENT.formatted("a spokesperson"));
        assertThat(retry.status()).as(retry.body().toString()).isEqualTo(200);
        assertThat(retry.body().get("version").asLong()).isEqualTo(5);
        assertThat(storedEvents(caseId)).isEqualTo(6);
        assertThat(chainBreak(caseId)).isEmpty();
    }

    @Test
    void aStepRefusedOnACachedCaseThatIsBehindIsDecidedAgainOnTheStoredCase() {
        String caseId = "refused-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        CaseHistory.record(api, caseId, steps.subList(0, 5));
        // the other node records the step that the next one builds on; this node's copy lacks it
        Api.Answer behindItsBack = other().command(caseId, steps.get(5).command(), steps.get(5).fields().toString());
        assertThat(behindItsBack.status()).as(behindItsBack.body().toString()).isEqualTo(200);

        Api.Answer next = api.command(caseId, steps.get(6).command(), steps.get(6).fields().toString());

        assertThat(next.status()).as(next.body().toString()).isEqualTo(200);
        assertThat(next.body().get("version").asLong()).isEqualTo(6);
        assertThat(storedEvents(caseId)).isEqualTo(7);
        assertThat(chainBreak(caseId)).isEmpty();
    }

    @Test
    void aRefusalOnACaseThatIsUpToDateStaysARefusal() {
        String caseId = "still-refused-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        CaseHistory.record(api, caseId, steps.subList(0, 5));

        Api.Answer refused = api.command(caseId, steps.get(6).command(), steps.get(6).fields().toString());

        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.body().get("rule").asText()).isEqualTo("proceeding-must-exist");
        assertThat(storedEvents(caseId)).isEqualTo(5);
    }

    @Test
    void bothNodesTakingTurnsKeepOneGapFreeChain() {
        String caseId = "turns-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        CaseHistory.record(api, caseId, steps.subList(0, 1));
        for (int i = 1; i < steps.size(); i++) {
            Api node = i % 2 == 0 ? api : other();
            Api.Answer answer = node.command(caseId, steps.get(i).command(), steps.get(i).fields().toString());
            if (answer.status() == 409) {
                answer = node.command(caseId, steps.get(i).command(), steps.get(i).fields().toString());
            }
            assertThat(answer.status()).as("step " + i + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.body().get("version").asLong()).isEqualTo(i);
        }
        assertThat(storedEvents(caseId)).isEqualTo(steps.size());
        assertThat(chainBreak(caseId)).isEmpty();
    }

    private java.util.Optional<HashChain.Break> chainBreak(String caseId) {
        List<HashChain.ChainedEvent> events = jdbc.query("""
                SELECT aggregate_identifier, sequence_number, event_identifier, payload_type, payload_revision, payload, meta_data
                FROM events.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                (rs, i) -> HashChain.ChainedEvent.fromStored(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBytes(6), rs.getBytes(7)), caseId);
        return HashChain.verify(events);
    }
}
