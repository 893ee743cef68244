package casetrack.command.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Records JSON Lines of commands through the public command API, one line at a time: each line is
 * its own request, so a refused line writes nothing and the lines before it stay recorded.
 * <p>
 * A line is {@code {"command": "FileStateCharge", "caseId": "...", ...the command's fields}}; a line
 * without {@code caseId} belongs to the case the last {@code OpenCase} line opened. Three keys are
 * the loader's own: {@code label} names a line, {@code entryRef} (on {@code CorrectEntry} and
 * {@code RetractEntry}) becomes the {@code entryId} of the labelled line's event, and string values
 * may hold {@code {{today}}}, {@code {{today-40d}}} or {@code {{today+30d}}}.
 * <p>
 * Every request carries an {@code Idempotency-Key} made from the case and the line as written, so
 * loading the same lines again records nothing twice.
 */
public final class StepLoader {

    private static final Pattern TODAY = Pattern.compile("\\{\\{today(?:([+-])(\\d{1,5})d)?}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI commandSide;
    private final String editorToken;
    private final Clock clock;
    private final PrintStream out;
    private final Map<String, String> labelledEntries = new HashMap<>();

    public StepLoader(HttpClient http, URI commandSide, String editorToken, Clock clock, PrintStream out) {
        this.http = http;
        this.commandSide = commandSide;
        this.editorToken = editorToken;
        this.clock = clock;
        this.out = out;
    }

    /** What became of the lines: newly recorded, recorded before (same key), refused. */
    public record Outcome(int recorded, int alreadyRecorded, int rejected, boolean stopped) {
        public boolean allRecorded() {
            return rejected == 0;
        }
    }

    /** One refused line, as it is reported. */
    public record Rejection(String source, int line, String command, int status, String reason) {
        @Override
        public String toString() {
            return source + ":" + line + (command == null ? "" : " " + command) + " refused"
                    + (status > 0 ? " (" + status + ")" : "") + ": " + reason;
        }
    }

    private final java.util.List<Rejection> rejections = new java.util.ArrayList<>();

    public List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    public Outcome load(String source, List<String> lines, boolean stopOnError) throws InterruptedException {
        int recorded = 0;
        int already = 0;
        int rejected = 0;
        String currentCase = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String raw = lines.get(i).strip();
            if (raw.isEmpty() || raw.startsWith("#") || raw.startsWith("//")) {
                continue;
            }
            String command = null;
            try {
                JsonNode parsed = JSON.readTree(raw);
                if (!(parsed instanceof ObjectNode fields)) {
                    throw new LineProblem("a line must be one JSON object");
                }
                command = text(fields.remove("command"));
                if (command == null || !command.matches("[A-Z][A-Za-z]{1,60}")) {
                    throw new LineProblem("\"command\" must name a command, e.g. \"FileStateCharge\"");
                }
                String label = text(fields.remove("label"));
                String entryRef = text(fields.remove("entryRef"));
                if (entryRef != null) {
                    String entryId = labelledEntries.get(entryRef);
                    if (entryId == null) {
                        throw new LineProblem("\"entryRef\": no earlier line is labelled \"" + entryRef + "\"");
                    }
                    fields.put("entryId", entryId);
                }
                String caseId = text(fields.get("caseId"));
                if (command.equals("OpenCase")) {
                    currentCase = caseId;
                } else if (caseId == null) {
                    if (currentCase == null) {
                        throw new LineProblem("\"caseId\" is missing and no OpenCase line came before");
                    }
                    caseId = currentCase;
                    fields.put("caseId", caseId);
                }
                ObjectNode body = (ObjectNode) substituteDates(fields);
                String key = "casetrack-load-" + sha256((caseId == null ? "" : caseId) + "\n" + raw);
                URI target = command.equals("OpenCase") ? commandSide.resolve("/api/cases")
                        : commandSide.resolve("/api/cases/" + caseId + "/commands/" + command);
                HttpResponse<String> answer = post(target, body.toString(), key);
                int status = answer.statusCode();
                JsonNode json = readOrNull(answer.body());
                if (status == 200 || status == 201) {
                    boolean replayed = answer.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false);
                    if (replayed) {
                        already++;
                    } else {
                        recorded++;
                    }
                    if (label != null && json != null && json.path("eventIds").size() > 0) {
                        labelledEntries.put(label, json.path("eventIds").get(0).asText());
                    }
                    continue;
                }
                if (status == 422 && json != null && json.path("type").asText().endsWith("/idempotency-key-reused")) {
                    // the same line, recorded on an earlier day with other relative dates: not again
                    already++;
                    continue;
                }
                rejected++;
                report(new Rejection(source, lineNumber, command, status, reason(status, json, answer.body())));
            } catch (LineProblem | JsonProcessingException e) {
                rejected++;
                report(new Rejection(source, lineNumber, command, 0,
                        e instanceof JsonProcessingException j ? "not JSON: " + j.getOriginalMessage() : e.getMessage()));
            } catch (IOException e) {
                rejected++;
                report(new Rejection(source, lineNumber, command, 0, "the command side at " + commandSide
                        + " did not answer (" + e.getClass().getSimpleName() + "): is casetrack running?"));
                return new Outcome(recorded, already, rejected, true);
            }
            if (stopOnError) {
                return new Outcome(recorded, already, rejected, true);
            }
        }
        return new Outcome(recorded, already, rejected, false);
    }

    private void report(Rejection rejection) {
        rejections.add(rejection);
        out.println(rejection);
    }

    /** The problem's detail, each field error, and the rule's name when a consistency rule refused the step. */
    static String reason(int status, JsonNode problem, String body) {
        if (problem == null) {
            return body == null || body.isBlank() ? "HTTP " + status : body.strip();
        }
        boolean fieldErrors = problem.path("errors").size() > 0;
        // with field errors the detail only repeats them: the title, then one line per field
        StringBuilder reason = new StringBuilder(fieldErrors ? problem.path("title").asText("invalid fields")
                : problem.path("detail").asText(problem.path("title").asText("HTTP " + status)));
        for (JsonNode error : problem.path("errors")) {
            reason.append("\n    ").append(error.path("field").asText()).append(": ").append(error.path("message").asText());
        }
        if (problem.hasNonNull("rule")) {
            reason.append(" [rule ").append(problem.get("rule").asText()).append(']');
        }
        return reason.toString();
    }

    JsonNode substituteDates(JsonNode node) {
        if (node.isTextual()) {
            return new TextNode(substituteDates(node.asText()));
        }
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            ObjectNode copy = JSON.createObjectNode();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                copy.set(f.getKey(), substituteDates(f.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(n -> copy.add(substituteDates(n)));
            return copy;
        }
        return node;
    }

    /** {@code {{today}}}, {@code {{today-40d}}}, {@code {{today+30d}}} become ISO dates relative to the clock's today. */
    public String substituteDates(String text) {
        Matcher m = TODAY.matcher(text);
        StringBuilder out = new StringBuilder();
        LocalDate today = LocalDate.now(clock);
        while (m.find()) {
            long days = m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * ("-".equals(m.group(1)) ? -1 : 1);
            m.appendReplacement(out, today.plusDays(days).toString());
        }
        m.appendTail(out);
        return out.toString();
    }

    private HttpResponse<String> post(URI target, String body, String idempotencyKey) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + editorToken)
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static JsonNode readOrNull(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class LineProblem extends Exception {
        LineProblem(String message) {
            super(message);
        }
    }
}
