package casetrack.query.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The query side on the shared embedded PostgreSQL, one Spring context for every class that
 * extends this (same configuration, so Spring's test context cache reuses it). Tests use fresh
 * case ids, so they never see each other's cases.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"casetrack.query.node-id=test-main", "axon.axonserver.enabled=false",
                "casetrack.access.auditor-token=" + QuerySideTest.AUDITOR_TOKEN,
                "casetrack.access.editor-token=" + QuerySideTest.EDITOR_TOKEN,
                "casetrack.access.reader-token=" + QuerySideTest.READER_TOKEN,
                "casetrack.access.users-file=",
                // Spring Boot turns metrics export off in tests; the metrics test scrapes /actuator/prometheus
                "management.prometheus.metrics.export.enabled=true", "casetrack.metrics.lag-refresh-ms=100",
                // ReplayStopWaitTest holds a live batch past it; the other replay tests hold theirs for about a second
                "casetrack.query.replay.stop-wait=5s"})
public abstract class QuerySideTest {

    protected static final String AUDITOR_TOKEN = "test-auditor-token";
    protected static final String EDITOR_TOKEN = "test-editor-token";
    protected static final String READER_TOKEN = "test-reader-token";

    protected static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A POST or other request of a test answers within this (a GET within 20 s) or fails the test,
     * naming the request, instead of blocking the build (a replay's start waits for the live batches
     * in flight, a few seconds at most).
     */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabase.url("casetrack");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.datasource.password", () -> "");
    }

    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected NamedParameterJdbcTemplate jdbc;
    @LocalServerPort
    protected int port;

    protected CaseHistory newCase(String prefix) {
        return new CaseHistory(prefix + "-" + UUID.randomUUID().toString().substring(0, 8),
                eventStore::publish);
    }

    /** Waits until the case summary has taken in every recorded step of the case. */
    protected void awaitProjected(CaseHistory history) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> summaryVersion(history.caseId()) == history.version()
                && timelineVersion(history.caseId()) == history.version());
    }

    protected long summaryVersion(String caseId) {
        return jdbc.queryForList("SELECT version FROM query.case_summary WHERE case_id = :id", Map.of("id", caseId), Long.class)
                .stream().findFirst().orElse(-1L);
    }

    protected long timelineVersion(String caseId) {
        Long max = jdbc.queryForObject("SELECT max(sequence) FROM query.timeline_entry WHERE case_id = :id",
                Map.of("id", caseId), Long.class);
        return max == null ? -1 : max;
    }

    protected HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        asAuditorWhereNeeded(request, path);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }

    /** Published views are read anonymously; the admin and audit APIs need an auditor. */
    private static void asAuditorWhereNeeded(HttpRequest.Builder request, String path) {
        if (path.startsWith("/api/admin") || path.startsWith("/api/audit")) {
            request.header("Authorization", "Bearer " + AUDITOR_TOKEN);
        }
    }

    /** A request as someone holding this token (null: no credentials at all). */
    protected HttpResponse<String> send(String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(ANSWER_WITHIN).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    protected HttpResponse<String> post(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(ANSWER_WITHIN).POST(HttpRequest.BodyPublishers.noBody());
        asAuditorWhereNeeded(request, path);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        }
    }

    protected JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    protected JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }
}
