package casetrack.command.fuzz;

import casetrack.command.CommandSideApplication;
import casetrack.command.support.Api;
import casetrack.command.support.CaseHistory;
import casetrack.command.support.TestDatabase;
import casetrack.shared.command.CommandCatalog;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of the command API (jqwik): random and malformed bodies, huge strings,
 * odd Unicode, wrong JSON types, unknown fields and commands, malformed headers and content types,
 * on an existing case and on missing ones. Whatever arrives: never a 5xx, every refusal is
 * {@code application/problem+json} (naming the field when a field is at fault), and a refused
 * request stores no event. jqwik does not run Spring's JUnit 5 extension, so the command side is
 * started here, on the shared test PostgreSQL. Fixed seeds and try counts keep it bounded and repeatable.
 */
class CommandApiFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final String HISTORY = "/cases/idaho-v-horiuchi.jsonl";
    private static final int MAX_BODY = 262144;

    private static ConfigurableApplicationContext app;
    private static JdbcTemplate jdbc;
    private static HttpClient http;
    private static String base;
    private static String caseId;
    private static List<CaseHistory.Step> steps;

    @BeforeContainer
    static void startCommandSide() {
        CommandSideApplication.disableUpdateChecker();
        app = new SpringApplicationBuilder(CommandSideApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--casetrack.snapshot-threshold=10",
                "--casetrack.access.editor-token=" + Api.EDITOR_TOKEN,
                "--casetrack.access.users-file=src/test/resources/access/users");
        jdbc = app.getBean(JdbcTemplate.class);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        caseId = "fuzz-" + UUID.randomUUID();
        steps = CaseHistory.read(HISTORY, caseId);
        CaseHistory.record(new Api(http, base), caseId, steps.subList(0, 2));
    }

    @AfterContainer
    static void stopCommandSide() {
        if (app != null) {
            app.close();
        }
    }

    // ---- the properties

    /** Valid steps with one field changed to a wrong type, odd Unicode, a huge string, null, or removed. */
    @Property(tries = 250, seed = "20261128", shrinking = ShrinkingMode.OFF)
    void aStepWithOneFieldMangledIsRecordedOrRefusedNamingTheField(@ForAll("mangledSteps") Mangled step,
                                                                   @ForAll boolean onExistingCase,
                                                                   @ForAll boolean escapeNonAscii) {
        String target = onExistingCase ? caseId : "fuzz-missing-" + UUID.randomUUID();
        byte[] body = write(step.body(), escapeNonAscii);
        Sent sent = send(stepPath(target, step.command()), body, "application/json", Map.of());

        assertNeverBrokenAndRefusalsWriteNothing(sent);
        if (sent.status() == 400 && step.field() != null) {
            assertThat(fieldsAtFault(sent)).as("refusal names the mangled field %s: %s", step.field(), sent.body())
                    .anySatisfy(f -> assertThat(f).startsWith(step.field()));
        }
        if (!onExistingCase && sent.status() < 400) {
            throw new AssertionError("a step on a missing case was accepted: " + sent.body());
        }
    }

    /** Bodies that are not commands at all: random text, broken or deep JSON, wrong top-level types, huge bodies. */
    @Property(tries = 150, seed = "20261129", shrinking = ShrinkingMode.OFF)
    void anyBodyAtAllIsNeverA5xx(@ForAll("rawBodies") byte[] body, @ForAll("commandNames") String command,
                                 @ForAll boolean onExistingCase) {
        String target = onExistingCase ? caseId : "fuzz-missing-" + UUID.randomUUID();
        Sent sent = command.equals("OpenCase")
                ? send("/api/cases", body, "application/json", Map.of())
                : send(stepPath(target, command), body, "application/json", Map.of());

        assertNeverBrokenAndRefusalsWriteNothing(sent);
    }

    /** Malformed If-Match, Idempotency-Key and X-Correlation-Id headers, and wrong content types, on valid steps. */
    @Property(tries = 150, seed = "20261130", shrinking = ShrinkingMode.OFF)
    void oddHeadersAndContentTypesAreNeverA5xx(@ForAll("validSteps") CaseHistory.Step step,
                                               @ForAll("headerNames") String header, @ForAll("headerValues") String value,
                                               @ForAll("contentTypes") String contentType) {
        byte[] body = write(step.fields(), false);
        Sent sent = step.command().equals("OpenCase")
                ? send("/api/cases", freshOpening(step.fields()), contentType, Map.of(header, value))
                : send(stepPath(caseId, step.command()), body, contentType, Map.of(header, value));

        assertNeverBrokenAndRefusalsWriteNothing(sent);
        if (sent.status() == 400 && !header.equals("X-Correlation-Id") && contentType.startsWith("application/json")) {
            assertThat(fieldsAtFault(sent)).as(sent.body()).isNotEmpty();
        }
    }

    /** Unknown commands and odd case ids in the path. */
    @Property(tries = 60, seed = "20261131", shrinking = ShrinkingMode.OFF)
    void unknownCommandsAndOddCaseIdsAreRefused(@ForAll("oddText") String command, @ForAll("oddText") String oddCaseId,
                                                @ForAll boolean oddCommand) {
        String path = oddCommand
                ? stepPath(caseId, command)
                : "/api/cases/" + URLEncoder.encode(oddCaseId, StandardCharsets.UTF_8).replace("+", "%20") + "/commands/RecordPublicStatement";
        Sent sent = send(path, write(steps.get(2).fields(), false), "application/json", Map.of());

        assertNeverBrokenAndRefusalsWriteNothing(sent);
        assertThat(sent.status()).as(sent.body()).isGreaterThanOrEqualTo(400);
    }

    // ---- checks

    private void assertNeverBrokenAndRefusalsWriteNothing(Sent sent) {
        assertThat(sent.status()).as("%s %s -> %s", sent.path(), sent.sample(), sent.body()).isLessThan(500);
        if (sent.status() >= 400) {
            assertThat(sent.contentType()).as(sent.body()).startsWith("application/problem+json");
            JsonNode problem = parse(sent.body());
            assertThat(problem.path("status").asInt()).isEqualTo(sent.status());
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(sent.body()).doesNotContain("Exception", "at casetrack.");
            assertThat(sent.eventsAfter()).as("a refused request stored events: %s", sent.body()).isEqualTo(sent.eventsBefore());
        } else {
            assertThat(sent.status()).isBetween(200, 201);
        }
    }

    private static List<String> fieldsAtFault(Sent sent) {
        List<String> fields = new ArrayList<>();
        parse(sent.body()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    // ---- generators

    record Mangled(String command, ObjectNode body, String field) {
    }

    @Provide
    Arbitrary<CaseHistory.Step> validSteps() {
        return Arbitraries.of(steps.subList(1, steps.size()));
    }

    @Provide
    Arbitrary<Mangled> mangledSteps() {
        Arbitrary<CaseHistory.Step> step = Arbitraries.of(steps.subList(1, steps.size()));
        return Combinators.combine(step, Arbitraries.integers().between(0, 10_000), oddValues(), Arbitraries.integers().between(0, 3))
                .as((s, pick, value, how) -> mangle(s, pick, value, how));
    }

    private static Mangled mangle(CaseHistory.Step step, int pick, JsonNode value, int how) {
        ObjectNode body = step.fields().deepCopy();
        body.remove("caseId");
        List<String> paths = new ArrayList<>();
        leaves(body, "", paths);
        if (how == 3 || paths.isEmpty()) {
            body.set("unknownField" + pick, value);
            return new Mangled(step.command(), body, "unknownField" + pick);
        }
        String path = paths.get(pick % paths.size());
        if (how == 2) {
            remove(body, path);
            return new Mangled(step.command(), body, null); // an optional field may be left out
        }
        replace(body, path, value);
        // a textual value may well be valid for a text field: only name a field at fault if refused for it
        return new Mangled(step.command(), body, topLevel(path));
    }

    @Provide
    Arbitrary<String> commandNames() {
        return Arbitraries.oneOf(Arbitraries.of(CommandCatalog.names()), Arbitraries.of("NoSuchCommand", "openCase", "", "..%2F"));
    }

    @Provide
    Arbitrary<byte[]> rawBodies() {
        Arbitrary<String> texts = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+ntrufals\\ ").ofMaxLength(200),
                Arbitraries.of("", " ", "null", "true", "0", "-1e999999", "1e-999999", "\"text\"", "[]", "[{}]", "{}", "{\"a\":1}{}",
                        "{\"note\":}", "{,}", "{\"a\":1,\"a\":2}", "\uFEFF{}", "{\"\\u0000\":1}", "{\"x\":\"\\ud800\"}",
                        "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                        "{\"n\":" + "9".repeat(2000) + "}", "{\"n\":0." + "1".repeat(2000) + "}"),
                Arbitraries.integers().between(MAX_BODY - 64, MAX_BODY + 64).map(n -> "{\"x\":\"" + "a".repeat(n) + "\"}"));
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> invalidUtf8 = Arbitraries.of(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},
                new byte[]{(byte) 0xFF, (byte) 0xFE, 0, '{', 0, '}'}, new byte[]{'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ':', '1', '}'});
        return Arbitraries.oneOf(texts.map(t -> t.getBytes(StandardCharsets.UTF_8)), bytes, invalidUtf8);
    }

    @Provide
    Arbitrary<String> headerNames() {
        return Arbitraries.of("If-Match", "Idempotency-Key", "X-Correlation-Id");
    }

    @Provide
    Arbitrary<String> headerValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "*", "\"\"", "W/\"1\"", "\"1\", \"2\"", "-1", "\"-1\"", "99999999999999999999", "\"999999999999999999\"",
                        "1.5", "abc", "\"1", "1\"", "é", "ünïcödé", "x".repeat(201), "x".repeat(5000), "null", "0x10", "\t1\t", "\"0\""),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u00A0', '\u00FF').ofMinLength(1).ofMaxLength(10));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json", "application/json; charset=UTF-8", "application/json; charset=ISO-8859-1",
                "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/merge-patch+json", "application/problem+json", "*/*", "application/json; charset=nonsense",
                "application/octet-stream", "garbage", "application/json;;;");
    }

    @Provide
    Arbitrary<String> oddText() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40), Arbitraries.of(
                "\u202Eevil", "x\u0000y", "😀", "e\u0301", "..", ".", "%00", "NoSuchCommand", "OpenCase", "a".repeat(2000), "\u200F"));
    }

    /** Values that are wrong for most fields: other JSON types, odd Unicode, and huge strings either side of the limit. */
    private static Arbitrary<JsonNode> oddValues() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<String> unicode = Arbitraries.of("\uD800", "\uDC00", "a\uD83Dz", "\u0000", "nul\u0000here", "\u202Eright-to-left", "\u200F\u200E",
                "😀🇺🇸", "e\u0301\u0301\u0301", "\uFEFF", "\uFFFF", "\u0085\u2028\u2029", "", " ", "\t\n", "ǅ", "𝕏");
        Arbitrary<JsonNode> huge = Arbitraries.integers().between(MAX_BODY - 2048, MAX_BODY + 1024).map(n -> f.textNode("h".repeat(n)));
        return Arbitraries.oneOf(
                unicode.map(f::textNode),
                Arbitraries.strings().all().ofMaxLength(30).map(f::textNode),
                huge,
                Arbitraries.of(f.nullNode(), f.booleanNode(true), f.numberNode(-1), f.numberNode(Long.MAX_VALUE), f.numberNode(1.5e308),
                        f.numberNode(new java.math.BigInteger("9".repeat(40))), f.arrayNode(), f.objectNode(), f.textNode("1999-02-30"),
                        f.textNode("not-a-date"), f.textNode("STATE_TRIAL"), f.arrayNode().add(f.nullNode()), f.objectNode().put("x", 1)),
                Arbitraries.integers().map(f::numberNode));
    }

    // ---- JSON tree helpers

    private static void leaves(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.add(p);
                leaves(e.getValue(), p, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = path + "[" + i + "]";
                out.add(p);
                leaves(node.get(i), p, out);
            }
        }
    }

    private static void replace(ObjectNode root, String path, JsonNode value) {
        Parent parent = parent(root, path);
        if (parent.node() instanceof ObjectNode o) {
            o.set(parent.key(), value);
        } else if (parent.node() instanceof ArrayNode a) {
            a.set(parent.index(), value);
        }
    }

    private static void remove(ObjectNode root, String path) {
        Parent parent = parent(root, path);
        if (parent.node() instanceof ObjectNode o) {
            o.remove(parent.key());
        } else if (parent.node() instanceof ArrayNode a) {
            a.remove(parent.index());
        }
    }

    private record Parent(JsonNode node, String key, int index) {
    }

    private static Parent parent(JsonNode root, String path) {
        List<Object> parts = new ArrayList<>();
        for (String segment : path.split("\\.")) {
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            if (!name.isEmpty()) {
                parts.add(name);
            }
            for (int i = bracket; i >= 0; i = segment.indexOf('[', i + 1)) {
                parts.add(Integer.parseInt(segment.substring(i + 1, segment.indexOf(']', i))));
            }
        }
        JsonNode node = root;
        for (int i = 0; i < parts.size() - 1; i++) {
            node = parts.get(i) instanceof String s ? node.get(s) : node.get((Integer) parts.get(i));
        }
        Object last = parts.get(parts.size() - 1);
        return last instanceof String s ? new Parent(node, s, -1) : new Parent(node, null, (Integer) last);
    }

    private static String topLevel(String path) {
        int dot = path.indexOf('.');
        int bracket = path.indexOf('[');
        int end = dot < 0 ? bracket : bracket < 0 ? dot : Math.min(dot, bracket);
        return end < 0 ? path : path.substring(0, end);
    }

    private static byte[] write(JsonNode body, boolean escapeNonAscii) {
        try {
            return escapeNonAscii ? ESCAPING.writeValueAsBytes(body)
                    // a Java string with a lone surrogate cannot be UTF-8 encoded: send it \\u-escaped either way
                    : ESCAPING.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] freshOpening(ObjectNode fields) {
        ObjectNode opening = fields.deepCopy();
        opening.put("caseId", "fuzz-open-" + UUID.randomUUID());
        return write(opening, false);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    // ---- HTTP

    record Sent(String path, String sample, int status, String contentType, String body, long eventsBefore, long eventsAfter) {
    }

    private static String stepPath(String caseId, String command) {
        return "/api/cases/" + caseId + "/commands/" + URLEncoder.encode(command, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Sent send(String path, byte[] body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + Api.EDITOR_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            headers.forEach(request::header);
        } catch (IllegalArgumentException notSendable) {
            // the client itself refuses some header values; the server never sees them
            net.jqwik.api.Assume.that(false);
            throw notSendable;
        }
        long before = events();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long after = events();
            String sample = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8) + " " + headers + " " + contentType;
            return new Sent(path, sample, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), before, after);
        } catch (IOException e) {
            throw new AssertionError("no answer to " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long events() {
        return jdbc.queryForObject("SELECT count(*) FROM events.domain_event_entry", Long.class);
    }
}
