package casetrack.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A small HTTP client for the command API, as an editor's tool would use it. */
public record Api(HttpClient http, String base, String token) {

    public static final String EDITOR_TOKEN = "test-editor-token";
    public static final String AUDITOR_TOKEN = "test-auditor-token";
    public static final String READER_TOKEN = "test-reader-token";

    /** An editor's client. */
    public Api(HttpClient http, String base) {
        this(http, base, EDITOR_TOKEN);
    }

    public Api as(String otherToken) {
        return new Api(http, base, otherToken);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Answer(int status, String contentType, JsonNode body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Answer openCase(String json) {
        return post("/api/cases", json, Map.of());
    }

    public Answer command(String caseId, String name, String json) {
        return post("/api/cases/" + caseId + "/commands/" + name, json, Map.of());
    }

    public Answer command(String caseId, String name, String json, Map<String, String> headers) {
        return post("/api/cases/" + caseId + "/commands/" + name, json, headers);
    }

    public Answer post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
