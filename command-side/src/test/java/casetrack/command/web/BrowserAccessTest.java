package casetrack.command.web;

import casetrack.command.support.CommandSideTest;
import casetrack.shared.command.CommandCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The editor pages' origin may post steps (CORS); others may not. The API description lists every command. */
class BrowserAccessTest extends CommandSideTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> preflight(String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases/x/commands/HoldHearing"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theQuerySidesPagesMayPostSteps() throws Exception {
        HttpResponse<String> answer = preflight("http://localhost:8082");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:8082");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void anyOtherOriginMayNot() throws Exception {
        HttpResponse<String> answer = preflight("http://evil.example");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theApiDescriptionIsOpenAndHasEveryCommandWithItsSchema() throws Exception {
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode api = new ObjectMapper().readTree(docs.body());
        for (Class<?> command : CommandCatalog.ALL) {
            String name = command.getSimpleName();
            assertThat(api.at("/components/schemas/" + name).isMissingNode()).as(name).isFalse();
            if (!name.equals("OpenCase")) {
                assertThat(api.path("paths").has("/api/cases/{caseId}/commands/" + name)).as(name).isTrue();
            }
        }
        assertThat(api.at("/paths/~1api~1cases/post/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/OpenCase");
        HttpResponse<String> ui = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/swagger-ui/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
    }

    @Test
    void writingStillNeedsAnEditor() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases"))
                .header("Origin", "http://localhost:8082").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
