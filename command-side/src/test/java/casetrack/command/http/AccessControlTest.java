package casetrack.command.http;

import casetrack.access.AccessConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import casetrack.command.support.Api;
import casetrack.command.support.CaseHistory;
import casetrack.command.support.CommandSideTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Only editors record steps; the recorder is the authenticated user, never a field the client sends. */
class AccessControlTest extends CommandSideTest {

    @Autowired
    private ApplicationContext context;

    /** Spring Security's chains run as built, without a Spring MVC handler lookup in front of them (AccessConfiguration). */
    @Test
    void securityRunsWithoutAHandlerLookupInFront() {
        Object filter = context.getBean(AccessConfiguration.SECURITY_FILTER);
        // Spring Security's own wrapper for Spring MVC (the handler lookup, then the chains) is gone;
        // the one that parses the request path once for the path-pattern matchers stays
        assertThat(filter.getClass().getName()).doesNotContain("WebMvcSecurityConfiguration");
        assertThat(filter).isInstanceOf(FilterChainProxy.class);
        assertThat(((FilterChainProxy) filter).getFilterChains()).hasSize(1);
    }


    private String openCaseBody(String caseId) {
        return CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId).get(0).fields().toString();
    }

    @Test
    void withoutCredentialsNothingIsRecorded() {
        String caseId = "anon-" + UUID.randomUUID();

        Api.Answer answer = api.as(null).openCase(openCaseBody(caseId));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(storedEvents(caseId)).isZero();
    }

    @Test
    void aWrongTokenIs401() {
        String caseId = "wrong-" + UUID.randomUUID();

        assertThat(api.as("guess").openCase(openCaseBody(caseId)).status()).isEqualTo(401);
        assertThat(storedEvents(caseId)).isZero();
    }

    @Test
    void anAuditorMayNotRecordSteps() {
        String caseId = "auditor-" + UUID.randomUUID();

        Api.Answer answer = api.as(Api.AUDITOR_TOKEN).openCase(openCaseBody(caseId));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(storedEvents(caseId)).isZero();
    }

    @Test
    void aReaderMayNotRecordSteps() {
        String caseId = "reader-" + UUID.randomUUID();

        assertThat(api.as(Api.READER_TOKEN).openCase(openCaseBody(caseId)).status()).isEqualTo(403);
        assertThat(storedEvents(caseId)).isZero();
    }

    @Test
    void theRecorderIsTheAuthenticatedUser() throws Exception {
        String caseId = "alice-" + UUID.randomUUID();
        Api.Answer opened = api.as("alice-token").openCase(openCaseBody(caseId));
        String basic = Base64.getEncoder().encodeToString("alice:alice-token".getBytes());
        Api.Answer statement = api.as(null).post("/api/cases/" + caseId + "/commands/RecordPublicStatement",
                "{\"speaker\":\"a spokesperson (fictional)\",\"quote\":\"No comment.\",\"occurredOn\":\"1998\","
                        + "\"sources\":[{\"url\":\"https://example.org/fictional\"}]}",
                Map.of("Authorization", "Basic " + basic));

        assertThat(opened.status()).isEqualTo(201);
        assertThat(statement.status()).isEqualTo(200);
        List<String> recorders = jdbc.queryForList("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'recordedBy' "
                + "FROM events.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, caseId);
        assertThat(recorders).containsExactly("alice", "alice");
    }

    @Test
    void aRecordedByFieldInTheBodyIsRefusedNotTrusted() {
        String caseId = "spoof-" + UUID.randomUUID();
        String body = openCaseBody(caseId).replaceFirst("\\{", "{\"recordedBy\":\"someone else\",");

        Api.Answer answer = api.openCase(body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(storedEvents(caseId)).isZero();
    }

    @Test
    void healthIsOpenAndMetricsNeedAnAuditor() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(get("/actuator/health", null).body()).get("status").asText()).isEqualTo("UP");
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics", Api.EDITOR_TOKEN).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/metrics", Api.READER_TOKEN).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/metrics", Api.AUDITOR_TOKEN).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return api.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
