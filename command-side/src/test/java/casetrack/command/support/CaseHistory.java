package casetrack.command.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A case history as JSON Lines of commands ({@code {"command": "FileStateCharge", ...fields}}), read from test resources. */
public final class CaseHistory {

    public record Step(String command, ObjectNode fields) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseHistory() {
    }

    /** The steps of a history, with the case id replaced so each test writes its own case. */
    public static List<Step> read(String resource, String caseId) {
        List<Step> steps = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(CaseHistory.class.getResourceAsStream(resource), resource), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode fields = (ObjectNode) JSON.readTree(line);
                String command = fields.remove("command").asText();
                if (fields.has("caseId")) {
                    fields.put("caseId", caseId);
                }
                steps.add(new Step(command, fields));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return steps;
    }

    /** Records every step through the HTTP API, failing on the first refusal. */
    public static void record(Api api, String caseId, List<Step> steps) {
        for (Step step : steps) {
            Api.Answer answer = step.command().equals("OpenCase")
                    ? api.openCase(step.fields().toString())
                    : api.command(caseId, step.command(), step.fields().toString());
            if (answer.status() >= 300) {
                throw new AssertionError(step.command() + " was refused: " + answer.status() + " " + answer.body());
            }
        }
    }
}
