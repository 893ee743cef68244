package casetrack.query.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import casetrack.query.dashboard.DashboardCache;
import casetrack.query.dashboard.DashboardQueries;
import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import casetrack.shared.value.HearingKind;
import casetrack.shared.value.Proceeding;
import casetrack.shared.value.ProceedingKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The read API over HTTP: filters, paging, problems, read-your-writes, caching, search, the stream. */
class QueryApiTest extends QuerySideTest {

    @Autowired
    DashboardCache dashboards;
    @Autowired
    DashboardQueries dashboardQueries;
    /** The application's mapper, which renders every answer. */
    @Autowired
    ObjectMapper mapper;

    private CaseHistory opened(String prefix, String state, String agency) {
        CaseHistory history = newCase(prefix);
        history.record(casetrack.query.support.Steps.opened(history.caseId(), "State v. " + prefix, state, agency,
                "officer-1", "Officer " + prefix, "2020-05-01"));
        return history;
    }

    @Test
    void listFiltersByStageStateAgencyTextAndStatusWithPaging() {
        String agency = "Agency" + System.nanoTime();
        CaseHistory a = opened("alpha", "ID", agency);
        CaseHistory b = opened("bravo", "ID", agency);
        CaseHistory c = opened("charlie", "MN", agency);
        b.record(charged(b.caseId(), "charge-1", "2020-06-01"));
        c.record(closed(c.caseId(), casetrack.shared.value.CaseOutcome.NO_CHARGES, "2021-01-01"));
        List.of(a, b, c).forEach(this::awaitProjected);

        JsonNode all = getJson("/api/cases?agency=" + agency + "&sort=title");
        assertThat(all.path("total").asLong()).isEqualTo(3);
        assertThat(all.path("items").get(0).path("caseId").asText()).isEqualTo(a.caseId());

        JsonNode page = getJson("/api/cases?agency=" + agency + "&sort=-title&size=2&page=1");
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("items").size()).isEqualTo(1);
        assertThat(page.path("items").get(0).path("caseId").asText()).isEqualTo(a.caseId());

        assertThat(ids(getJson("/api/cases?agency=" + agency + "&stage=charged"))).containsExactly(b.caseId());
        assertThat(ids(getJson("/api/cases?agency=" + agency + "&state=MN"))).containsExactly(c.caseId());
        assertThat(ids(getJson("/api/cases?agency=" + agency + "&status=closed"))).containsExactly(c.caseId());
        assertThat(ids(getJson("/api/cases?agency=" + agency + "&status=open&sort=title"))).containsExactly(a.caseId(), b.caseId());
        assertThat(ids(getJson("/api/cases?agency=" + agency + "&text=manslaughter"))).containsExactly(b.caseId());
    }

    @Test
    void unknownCaseIsA404ProblemAndBadParametersAre400sNamingTheParameter() {
        HttpResponse<String> missing = get("/api/cases/no-such-case");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(missing).path("title").asText()).isEqualTo("No such case");
        assertThat(get("/api/cases/no-such-case/timeline").statusCode()).isEqualTo(404);

        assertBadParameter("/api/cases?stage=SLEEPING", "stage");
        assertBadParameter("/api/cases?size=0", "size");
        assertBadParameter("/api/cases?size=abc", "size");
        assertBadParameter("/api/cases?page=-1", "page");
        assertBadParameter("/api/cases?sort=colour", "sort");
        assertBadParameter("/api/cases?status=maybe", "status");
        assertBadParameter("/api/cases/some-case?minVersion=soon", "minVersion");
        assertBadParameter("/api/cases/bad%20id!", "caseId");
        assertBadParameter("/api/search", "q");
        assertBadParameter("/api/search?q=x&limit=1000", "limit");
    }

    private void assertBadParameter(String path, String parameter) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(response).path("parameter").asText()).as(path).isEqualTo(parameter);
    }

    @Test
    void minVersionWaitsForTheProjectionAndSaysWhenItIsBehind() {
        CaseHistory h = opened("fresh", "ID", "FBI");
        awaitProjected(h);
        h.record(charged(h.caseId(), "charge-1", "2020-06-01"));

        HttpResponse<String> fresh = get("/api/cases/" + h.caseId() + "?minVersion=" + h.version());
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(json(fresh).path("version").asLong()).isEqualTo(h.version());
        assertThat(fresh.headers().firstValue(CaseController.STALE_HEADER)).isEmpty();

        long started = System.nanoTime();
        HttpResponse<String> behind = get("/api/cases/" + h.caseId() + "/timeline?minVersion=" + (h.version() + 5));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(behind.statusCode()).isEqualTo(200);
        assertThat(behind.headers().firstValue(CaseController.STALE_HEADER)).hasValue("true");
        assertThat(behind.headers().firstValue(CaseController.VERSION_HEADER)).hasValue(Long.toString(h.version()));
    }

    @Test
    void caseTimelineAndDashboardAnswer304WhileUnchanged() {
        CaseHistory h = opened("etag", "ID", "FBI");
        awaitProjected(h);
        List<String> reads = List.of("/api/cases/" + h.caseId(), "/api/cases/" + h.caseId() + "/timeline", "/api/dashboard",
                "/api/cases?state=ID", "/api/search?q=etag");
        java.util.Map<String, String> etags = new java.util.HashMap<>();
        for (String path : reads) {
            HttpResponse<String> first = get(path);
            assertThat(first.statusCode()).as(path).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
            // a cache in front may keep it briefly and must revalidate after
            assertThat(first.headers().firstValue("Cache-Control")).as(path).hasValueSatisfying(c ->
                    assertThat(c).contains("public", "max-age=5", "stale-while-revalidate=30").doesNotContain("no-store"));
            assertThat(get(path, "If-None-Match", etag).statusCode()).as(path).isEqualTo(304);
            assertThat(get(path, "If-Modified-Since", lastModified).statusCode()).as(path).isEqualTo(304);
            etags.put(path, etag);
        }
        h.record(charged(h.caseId(), "charge-1", "2020-06-01"));
        awaitProjected(h);
        // case reads at once; the dashboard, list and search once this node has heard of the change
        // (PositionCache: the change notice, at the latest its maximum age of 250 ms)
        for (String path : reads) {
            await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(get(path, "If-None-Match", etags.get(path)).statusCode())
                    .as("changed by the new step: " + path).isEqualTo(200));
        }
        assertThat(getJson("/api/dashboard").path("byStage").toString()).isNotEmpty();
        assertThat(get("/api/audit/cases/" + h.caseId() + "/events").headers().firstValue("Cache-Control").orElse(""))
                .as("audit answers are never public").doesNotContain("public");
    }

    @Test
    void theDashboardIsRenderedOncePerPositionAndServedAsJson() throws Exception {
        awaitProjected(opened("rendered", "ID", "FBI"));
        DashboardCache.Entry first = dashboardAtLeastAt(dashboardQueries.position());
        assertThat(dashboards.get().json()).as("nothing changed: the same rendering, not a new one").isSameAs(first.json());

        HttpResponse<String> answer = get("/api/dashboard");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(answer.headers().firstValue("ETag")).hasValue("\"dashboard-" + first.value().position().steps() + "-"
                + first.value().position().lastGlobalIndex() + "-" + first.day() + "\"");
        JsonNode served = JSON.readTree(answer.body());
        assertThat(served).as("the application's rendering of the computed dashboard")
                .isEqualTo(JSON.readTree(mapper.writeValueAsBytes(first.value().dashboard())));
        assertThat(served.path("today").asText()).isEqualTo(first.day().toString());

        awaitProjected(opened("rendered-later", "ID", "FBI"));
        DashboardCache.Entry next = dashboardAtLeastAt(dashboardQueries.position());
        assertThat(next.json()).as("a new step: rendered again").isNotSameAs(first.json());
        assertThat(JSON.readTree(next.json()).path("cases").asLong()).isGreaterThan(served.path("cases").asLong());
    }

    /** The cached dashboard once this node has heard of every step up to {@code position}. */
    private DashboardCache.Entry dashboardAtLeastAt(DashboardQueries.Position position) {
        return await().atMost(Duration.ofSeconds(2)).until(dashboards::get, e -> e.value().position().steps() >= position.steps()
                && e.value().position().lastGlobalIndex() >= position.lastGlobalIndex());
    }

    @Test
    void dashboardCountsDurationsAndUpcomingDates() {
        CaseHistory h = newCase("dash");
        String id = h.caseId();
        LocalDate today = LocalDate.now();
        h.record(casetrack.query.support.Steps.opened(id, "State v. Dashboard", "ID", "FBI", "o-1", "Officer Dash", "2020-01-01"),
                charged(id, "charge-1", "2020-02-01"),
                removalNotice(id, "removal-1", List.of(), "2020-02-11"),
                immunityAsserted(id, "claim-1", "2020-03-01"),
                immunityRuled(id, "claim-1", casetrack.shared.value.ImmunityOutcome.DENIED, "2020-04-11"),
                hearingScheduled(id, "trial-date", HearingKind.TRIAL, new Proceeding(ProceedingKind.TRIAL, "trial-1"),
                        D_IDAHO, today.plusDays(10), today.minusDays(1).toString()),
                appealFiled(id, "appeal-1", "claim-1", "2020-04-20"),
                appealDecided(id, "appeal-1", casetrack.shared.value.Bench.PANEL, casetrack.shared.value.AppealOutcome.AFFIRMED,
                        3, 0, null, "2020-10-01"));
        awaitProjected(h);
        JsonNode d = getJson("/api/dashboard");
        assertThat(d.path("byStage").path("IMMUNITY_DENIED").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(d.path("immunityRulings").path("DENIED").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode spans = d.path("durations");
        assertThat(spans.toString()).contains("chargeToRemovalNotice", "removalNoticeToImmunityRuling");
        // ruling 2020-04-11 to appeal decision 2020-10-01: 173 days, within the span's range over every case
        JsonNode appealSpan = java.util.stream.StreamSupport.stream(spans.spliterator(), false)
                .filter(span -> span.path("span").asText().equals("immunityRulingToAppealDecision")).findFirst().orElseThrow();
        assertThat(appealSpan.path("min").asInt()).isLessThanOrEqualTo(173);
        assertThat(appealSpan.path("max").asInt()).isGreaterThanOrEqualTo(173);
        assertThat(d.path("upcoming").toString()).contains(id, today.plusDays(10).toString(), "Trial hearing");
    }

    @Test
    void searchFindsCasesAndStepsByWords() {
        CaseHistory h = newCase("search");
        h.record(casetrack.query.support.Steps.opened(h.caseId(), "State v. Quixotic", "ID", "FBI", "o-1", "Zebulon Quarrington", "2020-01-01"),
                statement(h.caseId(), "Sheriff Pomeroy", "we will not be intimidated", "2020-02-01"));
        awaitProjected(h);
        JsonNode result = getJson("/api/search?q=Quarrington");
        assertThat(result.path("cases").get(0).path("caseId").asText()).isEqualTo(h.caseId());
        JsonNode steps = getJson("/api/search?q=" + java.net.URLEncoder.encode("\"not be intimidated\" Pomeroy", java.nio.charset.StandardCharsets.UTF_8)).path("steps");
        assertThat(steps.size()).isEqualTo(1);
        assertThat(steps.get(0).path("type").asText()).isEqualTo("PublicStatementMade");
        assertThat(getJson("/api/search?q=Pomeroy%20-intimidated").path("steps").size()).isZero();
    }

    @Test
    void streamPushesTheChangeOfACaseAfterItCommits() throws Exception {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Void>> stream = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stream")).build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<String>() {
                    public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                        s.request(Long.MAX_VALUE);
                    }

                    public void onNext(String line) {
                        lines.add(line);
                    }

                    public void onError(Throwable t) {
                    }

                    public void onComplete() {
                    }
                }));
        try {
            assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("event:ready");
            CaseHistory h = opened("stream", "ID", "FBI");
            String expected = "\"caseId\":\"" + h.caseId() + "\"";
            String data = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (data == null && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith("data:") && line.contains(expected)) {
                    data = line;
                }
            }
            assertThat(data).isNotNull().contains("\"version\":0", "\"type\":\"CaseOpened\"");
        } finally {
            stream.cancel(true);
        }
    }

    private static List<String> ids(JsonNode page) {
        return java.util.stream.StreamSupport.stream(page.path("items").spliterator(), false)
                .map(i -> i.path("caseId").asText()).toList();
    }
}
