package casetrack.command.load;

import casetrack.command.support.Api;
import casetrack.command.support.CommandSideTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo loader and bulk import, against the real command API. */
class StepLoaderTest extends CommandSideTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private StepLoader loader(String token) {
        return new StepLoader(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:" + port), token,
                Clock.systemUTC(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Test
    void everyDemoCaseIsRecordedAndLoadingAgainDuplicatesNothing() throws Exception {
        StepLoader first = loader(Api.EDITOR_TOKEN);
        for (String file : LoaderMain.demoFiles()) {
            List<String> lines = LoaderMain.demoLines(file);
            StepLoader.Outcome outcome = first.load(file, lines, false);
            assertThat(first.rejections()).as(file).isEmpty();
            assertThat(outcome.recorded() + outcome.alreadyRecorded()).as(file).isEqualTo(lines.size());
        }
        long stored = allStoredEvents();
        assertThat(storedEvents("idaho-v-horiuchi")).isEqualTo(LoaderMain.demoLines("idaho-v-horiuchi.jsonl").size());

        StepLoader again = loader(Api.EDITOR_TOKEN);
        for (String file : LoaderMain.demoFiles()) {
            StepLoader.Outcome outcome = again.load(file, LoaderMain.demoLines(file), false);
            assertThat(outcome.recorded()).as(file).isZero();
            assertThat(outcome.rejected()).as(file + " " + again.rejections()).isZero();
        }
        assertThat(allStoredEvents()).isEqualTo(stored);
    }

    @Test
    void aCorrectionNamesTheEventOfTheLabelledLine() throws Exception {
        loader(Api.EDITOR_TOKEN).load("keller", LoaderMain.demoLines("fictional-state-v-keller.jsonl"), true);
        String trialStarted = jdbc.queryForObject("""
                SELECT event_identifier FROM events.domain_event_entry
                WHERE aggregate_identifier = 'fictional-state-v-keller' AND payload_type LIKE '%TrialStarted'""", String.class);
        String corrected = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'entryId' FROM events.domain_event_entry
                WHERE aggregate_identifier = 'fictional-state-v-keller' AND payload_type LIKE '%EntryCorrected'""", String.class);
        assertThat(corrected).isEqualTo(trialStarted);
    }

    @Test
    void importReportsEachRefusedLineWithItsReasonAndGoesOn() throws Exception {
        String caseId = "import-" + UUID.randomUUID();
        StepLoader loader = loader(Api.EDITOR_TOKEN);
        StepLoader.Outcome outcome = loader.load("steps.jsonl", fileFor(caseId), false);

        assertThat(outcome.recorded()).isEqualTo(2);
        assertThat(outcome.rejected()).isEqualTo(3);
        assertThat(loader.rejections()).extracting(StepLoader.Rejection::line).containsExactly(2, 3, 4);
        assertThat(loader.rejections().get(0).status()).isEqualTo(400);
        assertThat(loader.rejections().get(0).reason()).contains("\n    occurredOn: must not be null");
        assertThat(loader.rejections().get(1).status()).isEqualTo(422);
        assertThat(loader.rejections().get(1).reason()).contains("no-such-claim").contains("[rule ");
        assertThat(loader.rejections().get(2).reason()).contains("not JSON");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("steps.jsonl:2 FileStateCharge refused (400)");
        assertThat(storedEvents(caseId)).isEqualTo(2);
    }

    @Test
    void stopOnErrorLeavesTheLinesAfterTheRefusedOneUnrecorded() throws Exception {
        String caseId = "import-" + UUID.randomUUID();
        StepLoader.Outcome outcome = loader(Api.EDITOR_TOKEN).load("steps.jsonl", fileFor(caseId), true);

        assertThat(outcome.stopped()).isTrue();
        assertThat(outcome.recorded()).isEqualTo(1);
        assertThat(outcome.rejected()).isEqualTo(1);
        assertThat(storedEvents(caseId)).isEqualTo(1);
    }

    @Test
    void aWrongTokenIsReportedOnTheLine() throws Exception {
        StepLoader loader = loader("not-a-token");
        StepLoader.Outcome outcome = loader.load("steps.jsonl", fileFor("import-" + UUID.randomUUID()).subList(0, 1), false);
        assertThat(outcome.rejected()).isEqualTo(1);
        assertThat(loader.rejections().get(0).status()).isEqualTo(401);
    }

    @Test
    void relativeDatesCountFromToday() {
        StepLoader loader = new StepLoader(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:1"), "t",
                Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC), System.out);
        assertThat(loader.substituteDates("{{today-40d}} / {{today}} / {{today+30d}}"))
                .isEqualTo("2026-01-20 / 2026-03-01 / 2026-03-31");
    }

    private static List<String> fileFor(String caseId) {
        String src = "\"sources\":[{\"url\":\"https://example.org/fictional\"}]";
        return List.of(
                "{\"command\":\"OpenCase\",\"caseId\":\"" + caseId + "\",\"title\":\"Import test (fictional)\",\"state\":\"MN\","
                        + "\"agency\":\"ICE\",\"incident\":\"Fictional.\",\"defendants\":[{\"defendantId\":\"doe\",\"name\":\"J. Doe\"}],"
                        + "\"occurredOn\":\"2024-01-02\"," + src + "}",
                "{\"command\":\"FileStateCharge\",\"chargeId\":\"c1\",\"instrument\":\"COMPLAINT\",\"filedBy\":\"x\","
                        + "\"court\":{\"level\":\"STATE_TRIAL\",\"name\":\"A court\"},"
                        + "\"counts\":[{\"number\":1,\"statute\":\"s\",\"description\":\"d\",\"grade\":\"FELONY\"}]," + src + "}",
                "{\"command\":\"RuleOnImmunity\",\"claimId\":\"no-such-claim\",\"outcome\":\"GRANTED\",\"occurredOn\":\"2024-02-01\"," + src + "}",
                "{not json",
                "",
                "{\"command\":\"RecordPublicStatement\",\"speaker\":\"A\",\"role\":\"B\",\"quote\":\"C\",\"occurredOn\":\"2024-02-02\"," + src + "}");
    }
}
