package casetrack.query.audit;

import casetrack.access.AccessConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static casetrack.query.support.Steps.charged;
import static casetrack.query.support.Steps.corrected;
import static casetrack.query.support.Steps.opened;
import static casetrack.query.support.Steps.statement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's views. The test history records step n at 2025-01-01T00:00:00Z plus n+1 seconds,
 * so "as recorded at" instants fall between known steps.
 */
class AuditApiTest extends QuerySideTest {

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


    /** Opened (seq 0, recorded :01), charged dated 1997-08 (seq 1, :02), a statement (seq 2, :03), the charge's date corrected to 1997-09 (seq 3, :04). */
    private CaseHistory caseWithACorrection() {
        CaseHistory h = newCase("audit");
        h.record(opened(h.caseId(), "State v. Example (fictional)", "ID", "FBI", "o-1", "Officer Example (fictional)", "1992-08-22"));
        String charge = h.record(charged(h.caseId(), "c1", "1997-08"));
        h.record(statement(h.caseId(), "A spokesman (fictional)", "We will appeal.", "1998-05"));
        h.record(corrected(h.caseId(), charge, "the complaint was filed in September", "1997-09", null, null, "2001"));
        awaitProjected(h);
        return h;
    }

    private static JsonNode row(JsonNode timeline, String type) {
        for (JsonNode step : timeline) {
            if (step.get("type").asText().equals(type)) {
                return step;
            }
        }
        throw new AssertionError("no " + type + " in " + timeline);
    }

    @Test
    void beforeTheCorrectionWasRecordedTheOldDateStoodAndAfterItTheCorrectedOne() {
        CaseHistory h = caseWithACorrection();

        JsonNode before = getJson("/api/audit/cases/" + h.caseId() + "/as-recorded?asOf=2025-01-01T00:00:03Z");
        JsonNode after = getJson("/api/audit/cases/" + h.caseId() + "/as-recorded?asOf=2025-01-01T00:00:04Z");

        assertThat(before.get("version").asLong()).isEqualTo(2);
        JsonNode chargeBefore = row(before.get("timeline"), "StateChargeFiled");
        assertThat(chargeBefore.get("occurredOn").asText()).isEqualTo("1997-08");
        assertThat(chargeBefore.get("corrected").asBoolean()).isFalse();
        assertThat(after.get("version").asLong()).isEqualTo(3);
        JsonNode chargeAfter = row(after.get("timeline"), "StateChargeFiled");
        assertThat(chargeAfter.get("occurredOn").asText()).isEqualTo("1997-09");
        assertThat(chargeAfter.get("corrected").asBoolean()).isTrue();
        assertThat(chargeAfter.get("correction").get("originalOccurredOn").asText()).isEqualTo("1997-08");
        assertThat(after.get("summary").get("correctedCount").asInt()).isEqualTo(1);
    }

    @Test
    void theRecordAtAnInstantMatchesTheLiveViewOnceEverythingIsIn() {
        CaseHistory h = caseWithACorrection();

        JsonNode asOfNow = getJson("/api/audit/cases/" + h.caseId() + "/as-recorded?asOf=" + Instant.now());
        JsonNode live = getJson("/api/cases/" + h.caseId() + "/timeline");

        List<String> reconstructed = new ArrayList<>();
        asOfNow.get("timeline").forEach(s -> reconstructed.add(s.get("occurredOn").asText() + " " + s.get("summary").asText()));
        List<String> projected = new ArrayList<>();
        live.get("steps").forEach(s -> projected.add(s.get("occurredOn").asText() + " " + s.get("summary").asText()));
        assertThat(reconstructed).isEqualTo(projected);
        assertThat(asOfNow.get("summary").get("stage").asText())
                .isEqualTo(getJson("/api/cases/" + h.caseId()).get("stage").asText());
    }

    @Test
    void asOfADateInTheWorldOnlyStepsThatHadHappenedCount() {
        CaseHistory h = caseWithACorrection();

        JsonNode in1997 = getJson("/api/audit/cases/" + h.caseId() + "/as-occurred?date=1997-12-31");

        List<String> types = new ArrayList<>();
        in1997.get("timeline").forEach(s -> types.add(s.get("type").asText()));
        assertThat(types).containsExactly("CaseOpened", "StateChargeFiled");
        assertThat(in1997.get("summary").get("stage").asText()).isEqualTo("CHARGED");
    }

    @Test
    void theDifferenceBetweenTwoInstantsNamesTheStepsAndTheChangedFields() {
        CaseHistory h = caseWithACorrection();

        JsonNode diff = getJson("/api/audit/cases/" + h.caseId() + "/diff?from=2025-01-01T00:00:03Z&to=2025-01-01T00:00:04Z");

        assertThat(diff.get("versionFrom").asLong()).isEqualTo(2);
        assertThat(diff.get("versionTo").asLong()).isEqualTo(3);
        assertThat(diff.get("stepsRecorded")).hasSize(1);
        assertThat(diff.get("stepsRecorded").get(0).get("type").asText()).isEqualTo("EntryCorrected");
        assertThat(diff.get("summaryChanges").has("correctedCount")).isTrue();
    }

    @Test
    void theRawEventsCarryTheirMetadataAndExportAsJsonLines() {
        CaseHistory h = caseWithACorrection();

        JsonNode events = getJson("/api/audit/cases/" + h.caseId() + "/events").get("events");
        HttpResponse<String> export = get("/api/audit/cases/" + h.caseId() + "/events?format=jsonl");

        assertThat(events).hasSize(4);
        assertThat(events.get(1).get("payload").get("chargeId").asText()).isEqualTo("c1");
        assertThat(events.get(1).get("metadata").get("recordedBy").asText()).isEqualTo("editor@casetrack.test");
        assertThat(events.get(1).get("globalIndex").asLong()).isPositive();
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        assertThat(export.body().lines()).hasSize(4);
    }

    @Test
    void badInstantsAndUnknownCasesAreClearProblems() {
        CaseHistory h = caseWithACorrection();

        HttpResponse<String> badInstant = get("/api/audit/cases/" + h.caseId() + "/as-recorded?asOf=yesterday");
        HttpResponse<String> unknown = get("/api/audit/cases/no-such-case/events");

        assertThat(badInstant.statusCode()).isEqualTo(400);
        assertThat(json(badInstant).get("detail").asText()).contains("asOf");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void onlyAnAuditorReadsTheAuditTrailOrStartsAReplay() {
        CaseHistory h = caseWithACorrection();
        String events = "/api/audit/cases/" + h.caseId() + "/events";

        assertThat(send("GET", events, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", events, "wrong").statusCode()).isEqualTo(401);
        assertThat(send("GET", events, EDITOR_TOKEN).statusCode()).isEqualTo(403);
        assertThat(send("GET", events, READER_TOKEN).statusCode()).isEqualTo(403);
        assertThat(send("GET", events, AUDITOR_TOKEN).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/admin/replay", null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/admin/replay", EDITOR_TOKEN).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/admin/replay", READER_TOKEN).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/admin/replay", EDITOR_TOKEN).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/actuator/metrics", EDITOR_TOKEN).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = send("GET", events, null);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void publishedViewsAreOpenToRead() {
        CaseHistory h = caseWithACorrection();

        assertThat(send("GET", "/api/cases/" + h.caseId(), null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/dashboard", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/cases/" + h.caseId() + "/timeline", READER_TOKEN).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/cases/" + h.caseId(), EDITOR_TOKEN).statusCode()).isIn(403, 405);
    }
}
