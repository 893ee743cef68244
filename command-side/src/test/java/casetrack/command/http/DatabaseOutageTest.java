package casetrack.command.http;

import casetrack.command.CommandSideApplication;
import casetrack.command.db.EmbeddedDatabase;
import casetrack.command.support.Api;
import casetrack.command.support.CaseHistory;
import casetrack.command.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stopped under a running command side: a step is answered 503 problem+json with
 * Retry-After (not 500), health says DOWN, and once PostgreSQL is back the service recovers by
 * itself. Its own PostgreSQL and its own context, so the shared test database is never stopped.
 */
class DatabaseOutageTest {

    private static Path data;
    private static int dbPort;
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;
    private static Api api;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("casetrack-outage-pg");
        dbPort = TestDatabase.freePort();
        postgres = EmbeddedDatabase.start(data, dbPort);
        EmbeddedDatabase.createDatabaseIfMissing(postgres);
        CommandSideApplication.disableUpdateChecker();
        app = new SpringApplicationBuilder(CommandSideApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + dbPort + "/" + EmbeddedDatabase.DATABASE,
                "--spring.datasource.username=postgres",
                "--spring.datasource.hikari.connection-timeout=2000",
                "--casetrack.access.editor-token=" + Api.EDITOR_TOKEN,
                "--casetrack.access.users-file=src/test/resources/access/users");
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        api = new Api(HTTP, "http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aStepWhileTheDatabaseIsDownIs503WithRetryAfterAndTheServiceRecoversByItself() throws Exception {
        String caseId = "outage-" + UUID.randomUUID();
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);
        CaseHistory.record(api, caseId, steps.subList(0, 2));
        CaseHistory.Step next = steps.get(2);
        assertThat(health().statusCode()).isEqualTo(200);

        postgres.close();
        postgres = null;

        Api.Answer refused = api.command(caseId, next.command(), next.fields().toString());
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.body().get("status").asInt()).isEqualTo(503);
        assertThat(refused.body().toString()).doesNotContain("Exception", "SQL");
        Api.Answer refusedWithKey = api.command(caseId, next.command(), next.fields().toString(),
                java.util.Map.of("Idempotency-Key", "outage-" + UUID.randomUUID()));
        assertThat(refusedWithKey.status()).as(refusedWithKey.body().toString()).isEqualTo(503);
        HttpResponse<String> down = health();
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"DOWN\"");

        postgres = EmbeddedDatabase.start(data, dbPort);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> health().statusCode() == 200);
        Api.Answer recorded = api.command(caseId, next.command(), next.fields().toString());
        assertThat(recorded.status()).as(recorded.body().toString()).isEqualTo(200);
        assertThat(recorded.body().get("eventIds")).isNotEmpty();
    }

    private HttpResponse<String> health() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api.base() + "/actuator/health")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
