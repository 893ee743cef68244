package casetrack.command.http;

import casetrack.command.CommandSideApplication;
import casetrack.command.db.EmbeddedDatabase;
import casetrack.command.support.Api;
import casetrack.command.support.CaseHistory;
import casetrack.command.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping everything — the service and the embedded PostgreSQL — and starting again keeps the whole record. */
class RestartKeepsTheRecordTest {

    @TempDir
    Path data;

    @Test
    void aRestartOfServiceAndDatabaseKeepsEveryEvent() throws Exception {
        int dbPort = TestDatabase.freePort();
        String caseId = "restart-case";
        List<CaseHistory.Step> steps = CaseHistory.read("/cases/idaho-v-horiuchi.jsonl", caseId);

        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(data, dbPort)) {
            EmbeddedDatabase.createDatabaseIfMissing(postgres);
            try (ConfigurableApplicationContext app = start(dbPort)) {
                CaseHistory.record(api(app), caseId, steps.subList(0, 8));
            }
        }

        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(data, dbPort)) {
            EmbeddedDatabase.createDatabaseIfMissing(postgres);
            try (ConfigurableApplicationContext app = start(dbPort)) {
                Api.Answer next = api(app).command(caseId, steps.get(8).command(), steps.get(8).fields().toString());

                assertThat(next.status()).as(next.body().toString()).isEqualTo(200);
                assertThat(next.body().get("version").asLong()).isEqualTo(8);
            }
        }
    }

    private static ConfigurableApplicationContext start(int dbPort) {
        return new SpringApplicationBuilder(CommandSideApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + dbPort + "/casetrack",
                "--spring.datasource.username=postgres",
                "--casetrack.access.editor-token=" + Api.EDITOR_TOKEN);
    }

    private static Api api(ConfigurableApplicationContext app) {
        int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
        return new Api(HttpClient.newHttpClient(), "http://127.0.0.1:" + port);
    }
}
