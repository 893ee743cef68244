package casetrack.query.web;

import java.net.http.HttpResponse;
import java.util.List;

import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import casetrack.shared.value.Source;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;

/** A case's timeline as CSV, JSON and Markdown; the Atom feeds; the court lanes; the editor's forms. */
class ExportsAndFeedsTest extends QuerySideTest {

    private CaseHistory recorded() {
        CaseHistory history = newCase("export");
        history.record(opened(history.caseId(), "Idaho v. Horiuchi (export test)", "ID", "FBI", "horiuchi", "Lon Horiuchi", "1992-08-22"));
        String charge = history.record(charged(history.caseId(), "manslaughter", "1997-08"));
        history.record(statement(history.caseId(), "=HYPERLINK(\"x\")", "a \"quoted\" remark, with a comma", "1998"));
        history.record(corrected(history.caseId(), charge, "the charge came in September", "1997-09",
                List.of(new Source("https://www.spokesman.com/stories/1998/jan/13/", null, "The Spokesman-Review", null)), null, "1998-01-13"));
        awaitProjected(history);
        return history;
    }

    @Test
    void csvHasOneQuotedRowAStepAndDefusesFormulas() {
        CaseHistory history = recorded();
        HttpResponse<String> csv = get("/api/cases/" + history.caseId() + "/export.csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains(history.caseId() + "-timeline.csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).isEqualTo("date,precision,step,summary,note,date_conflict,corrected,sources");
        assertThat(csv.body()).contains("\"1997-09\",\"MONTH\",\"StateChargeFiled\"")
                .contains("\"corrected: the charge came in September\"")
                .contains("\"\"quoted\"\" remark, with a comma")
                .contains("'=HYPERLINK").doesNotContain(",\"=HYPERLINK");
    }

    @Test
    void markdownGivesDatesAsPreciseAsKnownAndSourcesAsFootnotes() {
        CaseHistory history = recorded();
        String md = get("/api/cases/" + history.caseId() + "/export.md").body();

        assertThat(md).startsWith("## Idaho v. Horiuchi (export test)\n")
                .contains("- **22 Aug 1992** — ").contains("- **Sep 1997** — ").contains("- **1998** — ")
                .contains("*Corrected; first recorded as Aug 1997.*")
                .contains("[^1]: Associated Press, <https://apnews.com/7e3b606482c03d850c54847227ef2aec>")
                .contains("[^2]: The Spokesman-Review, <https://www.spokesman.com/stories/1998/jan/13/>");
    }

    @Test
    void jsonCarriesTheHeaderAndEveryStep() {
        CaseHistory history = recorded();
        JsonNode json = getJson("/api/cases/" + history.caseId() + "/export.json");
        assertThat(json.get("title").asText()).isEqualTo("Idaho v. Horiuchi (export test)");
        assertThat(json.get("steps")).hasSize(4);
    }

    @Test
    void anUnknownCaseIsAProblemNotAnEmptyExport() {
        HttpResponse<String> missing = get("/api/cases/no-such-case/export.md");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(get("/feeds/cases/no-such-case.atom").statusCode()).isEqualTo(404);
    }

    @Test
    void feedsAnnounceEachStepOnceNewestFirst() {
        CaseHistory history = recorded();
        HttpResponse<String> feed = get("/feeds/cases/" + history.caseId() + ".atom");
        assertThat(feed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/atom+xml");
        String xml = feed.body();
        assertThat(xml).contains("<title>casetrack: Idaho v. Horiuchi (export test)</title>")
                .contains("&quot;quoted&quot;").doesNotContain("a \"quoted\"");
        assertThat(xml.split("<entry>", -1)).hasSize(5);
        assertThat(xml.indexOf("Corrected")).isLessThan(xml.indexOf("Case opened"));
        assertThat(get("/feeds/steps.atom").body()).contains("urn:casetrack:step:");
    }

    @Test
    void eachStepSitsInTheCourtItHappenedIn() {
        CaseHistory history = newCase("lanes");
        String opened = history.record(opened(history.caseId(), "Lanes (test)", "ID", "FBI", "h", "H", "1992-08-22"));
        String charge = history.record(charged(history.caseId(), "c", "1997-08"));
        String notice = history.record(removalNotice(history.caseId(), "removal", List.of(), "1998-01"));
        String allowed = history.record(removalAllowed(history.caseId(), "removal", "1998-01-12", null));
        awaitProjected(history);

        JsonNode lanes = getJson("/api/cases/" + history.caseId() + "/lanes");
        assertThat(lanes.has(opened)).isFalse();
        assertThat(lanes.get(charge).asText()).isEqualTo("STATE_TRIAL");
        assertThat(lanes.get(notice).asText()).isEqualTo("FEDERAL_DISTRICT");
        assertThat(lanes.get(allowed).asText()).as("the removal's court").isEqualTo("FEDERAL_DISTRICT");
    }

    @Test
    void theEditorGetsAFormForEveryCommand() {
        JsonNode editor = getJson("/api/web/editor");
        assertThat(editor.get("commands")).hasSize(casetrack.shared.command.CommandCatalog.ALL.size());
        JsonNode verdict = null;
        for (JsonNode c : editor.get("commands")) {
            if (c.get("command").asText().equals("ReturnVerdict")) {
                verdict = c;
            }
        }
        assertThat(verdict).isNotNull();
        assertThat(verdict.toString()).contains("\"name\":\"findings\",\"kind\":\"json\",\"required\":true")
                .contains("\"finding\":\"GUILTY|NOT_GUILTY|HUNG\"")
                .contains("\"name\":\"occurredOn\",\"kind\":\"partialDate\",\"required\":true")
                .doesNotContain("\"name\":\"caseId\"");
    }

    @Test
    void thePagesAndTheApiDescriptionAreServed() {
        assertThat(get("/").body()).contains("data-page=\"list\"");
        assertThat(get("/cases/anything").body()).contains("data-page=\"case\"");
        assertThat(get("/dashboard").body()).contains("data-page=\"dashboard\"");
        assertThat(get("/editor").body()).contains("data-page=\"editor\"");
        String pages = get("/").body() + get("/app.js").body() + get("/app.css").body();
        assertThat(pages).as("nothing loads from outside the server").doesNotContain("//cdn").doesNotContain("https://unpkg")
                .doesNotContain("googleapis");
        JsonNode api = getJson("/v3/api-docs");
        assertThat(api.at("/paths").has("/api/cases/{caseId}/timeline")).isTrue();
        // served as rendered bytes, described by the record they render
        assertThat(api.at("/paths/~1api~1dashboard/get/responses/200/content/application~1json/schema/$ref").asText()).endsWith("/Dashboard");
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }
}
